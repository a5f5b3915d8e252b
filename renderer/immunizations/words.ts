// Words shared by the What's due screen and the caregiver overview.
import type { I18n } from '../i18n/index.tsx';

/** "Hepatitis B (HepB)": a plain name for the group, with CDC's name beside it. */
export function groupLabel(i18n: I18n, group: string): string {
  const key = `due_vg_${group.replace(/[^A-Za-z0-9]/g, '')}`;
  if (!i18n.has(key)) return group;
  const plain = i18n.t(key);
  return plain.toLowerCase().includes(group.toLowerCase()) ? plain : `${plain} (${group})`;
}

/** "10 January 2027" (the year always: a tired reader should not have to work it out). */
export function dayInWords(i18n: I18n, iso: string): string {
  return new Intl.DateTimeFormat(i18n.lang === 'es' ? 'es-ES' : 'en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))),
  );
}

