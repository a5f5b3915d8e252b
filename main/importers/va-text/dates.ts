// VA report dates (formats.md §2.5) → ISO partial dates at the precision written. No zone is
// ever added: the report gives none.
import type { PartialDate } from '../../records/model.ts';
import { isPlaceholderDate } from '../../records/model.ts';

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

function month(name: string): string | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

const pad = (n: string) => n.padStart(2, '0');

function time(hh: string, mm: string, ampm?: string): string | undefined {
  let hour = Number(hh);
  const minute = Number(mm);
  if (ampm) {
    const pm = /^p/i.test(ampm);
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Parses the date forms of VA reports; undefined for anything else ("UNKNOWN", "--", 01/01/1900). */
export function parseVaDate(input: string | undefined): PartialDate | undefined {
  const date = parseAnyVaDate(input);
  return isPlaceholderDate(date) ? undefined : date;
}

function parseAnyVaDate(input: string | undefined): PartialDate | undefined {
  if (!input) return undefined;
  const text = input.trim();
  // 03 Jul 2013 @ 0956 | 03 Jul 2013
  let m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})(?:\s*@\s*(\d{2}):?(\d{2}))?\b/.exec(text);
  if (m) {
    const mon = month(m[2]!);
    if (!mon) return undefined;
    const date = `${m[3]}-${mon}-${pad(m[1]!)}`;
    const t = m[4] && m[5] ? time(m[4], m[5]) : undefined;
    return t ? `${date}T${t}` : date;
  }
  // January 1, 2001 | September 25, 2024, 10:47 a.m. | DEC 10, 2012@10:40
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})(?:,?\s*(?:at\s*)?@?\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?)?/i.exec(text);
  if (m) {
    const mon = month(m[1]!);
    if (!mon) return undefined;
    const date = `${m[3]}-${mon}-${pad(m[2]!)}`;
    const t = m[4] && m[5] ? time(m[4], m[5], m[6]) : undefined;
    return t ? `${date}T${t}` : date;
  }
  // 12/10/2012 16:15 | 1/27/1942
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})\s*([AP]M)?)?/i.exec(text);
  if (m) {
    const date = `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`;
    const t = m[4] && m[5] ? time(m[4], m[5], m[6]) : undefined;
    return t ? `${date}T${t}` : date;
  }
  // Jul 2013 | July 2013
  m = /^([A-Za-z]{3,9}) (\d{4})$/.exec(text);
  if (m) {
    const mon = month(m[1]!);
    return mon ? `${m[2]}-${mon}` : undefined;
  }
  m = /^(\d{4})$/.exec(text);
  return m ? m[1] : undefined;
}

/** A self-reported `Date:` plus a separate `Time: 1940`. */
export function withTime(date: PartialDate | undefined, hhmm: string | undefined): PartialDate | undefined {
  if (!date || !hhmm || date.length !== 10) return date;
  const m = /^(\d{1,2}):?(\d{2})\s*([AP]M)?$/i.exec(hhmm.trim());
  if (!m) return date;
  const t = time(m[1]!, m[2]!, m[3]);
  return t ? `${date}T${t}` : date;
}
