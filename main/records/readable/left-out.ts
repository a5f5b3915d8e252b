// What a list leaves out, said in one place so every screen and the printed summary say it the
// same way: allergies the person said are wrong or hid (an allergy is never gone silently), and a
// source's own "no known allergies" statement where no allergy is current. English and Spanish;
// names and the source's words stay as written.
import type { ReportKind } from '../model.ts';

export type LeftOutWhy = 'wrong' | 'hidden';

/** The visit summary's sentence, about the patient in the third person (names joined by the caller). */
export function allergiesLeftOutSentence(why: LeftOutWhy, names: string, language: string): string {
  if (language === 'es') {
    return why === 'wrong' ? `No se incluye porque el paciente o su cuidador dijo que es incorrecto: ${names}.` : `No se incluye porque el paciente o su cuidador lo ocultó: ${names}.`;
  }
  return why === 'wrong' ? `Not listed because the patient or caregiver said it is wrong: ${names}.` : `Not listed because the patient or caregiver hid it: ${names}.`;
}

/** One allergy left out, as a line names it: its name and whose record lists it. */
export interface LeftOutName {
  name: string;
  /** The providers whose records list it ("Good Health Clinic"); empty for one typed in by hand. */
  providers: readonly string[];
}

/**
 * The screen's line, to the person: "1 allergy you marked as wrong: Penicillin — from Good Health
 * Clinic's record". Several from the same sources share one "from"; other groups follow after "; ".
 */
export function allergiesLeftOutLine(why: LeftOutWhy, items: readonly LeftOutName[], language: string): string {
  const es = language === 'es';
  const one = items.length === 1;
  // Names listed by the same sources share one "from …", so a record's name is not repeated.
  const bySources = new Map<string, { providers: readonly string[]; names: string[] }>();
  for (const { name, providers } of items) {
    const key = providers.join('\u0000');
    const group = bySources.get(key) ?? { providers, names: [] };
    group.names.push(name);
    bySources.set(key, group);
  }
  const each = [...bySources.values()]
    .map(({ names, providers }) => {
      const named = names.join(', ');
      if (providers.length === 0) return named;
      const from = providers.join(', ');
      if (es) return `${named} — ${providers.length === 1 ? 'del registro' : 'de los registros'} de ${from}`;
      return providers.length === 1 ? `${named} — from ${from}'s record` : `${named} — from the records of ${from}`;
    })
    .join('; ');
  if (es) {
    const what = why === 'wrong' ? (one ? 'alergia que marcó como incorrecta' : 'alergias que marcó como incorrectas') : one ? 'alergia que ocultó' : 'alergias que ocultó';
    return `${items.length} ${what}: ${each}`;
  }
  const what = why === 'wrong' ? (one ? 'allergy you marked as wrong' : 'allergies you marked as wrong') : one ? 'allergy you hid' : 'allergies you hid';
  return `${items.length} ${what}: ${each}`;
}

/** The kinds a current list can show a source's "none known" statement for. */
export type NoneKnownListKind = Extract<ReportKind, 'allergies' | 'medications' | 'problems'>;

const NONE_KNOWN: Record<NoneKnownListKind, readonly [en: string, es: string]> = {
  allergies: ['No known allergies', 'Sin alergias conocidas'],
  medications: ['No known medications', 'Sin medicamentos conocidos'],
  problems: ['No known problems', 'Sin problemas conocidos'],
};

/**
 * "No known allergies — per Good Health Clinic, Mar 3, 2024" (the date already in the reader's
 * words, or undefined when the source gave none). The source's own words lead when it gave any:
 * "No Known Drug Allergies" says less than "no known allergies", and the line must not say more.
 */
export function noneKnownLine(said: Pick<SourceNoneKnown, 'kind' | 'text'>, provider: string, date: string | undefined, language: string): string {
  const es = language === 'es';
  const head = said.text?.trim() || NONE_KNOWN[said.kind][es ? 1 : 0];
  const per = es ? 'según' : 'per';
  return date ? `${head} — ${per} ${provider}, ${date}` : `${head} — ${per} ${provider}`;
}

/** A source document's "none known" statement for one list, with who said it. */
export interface SourceNoneKnown {
  kind: NoneKnownListKind;
  sourceId: number;
  provider: string;
  /** The statement's date, else its document's (absent when neither was given). */
  date?: string;
  /** The source's own words ("NKDA"), when it gave any. */
  text?: string;
}

/**
 * The statement a list shows for `kind` when no entry of it is current: the newest dated one
 * (an undated one only when none is dated). Undefined when no source said so.
 */
export function noneKnownToShow(said: readonly SourceNoneKnown[], kind: NoneKnownListKind): SourceNoneKnown | undefined {
  let best: SourceNoneKnown | undefined;
  for (const s of said) {
    if (s.kind !== kind) continue;
    if (!best || (s.date ?? '') > (best.date ?? '') || ((s.date ?? '') === (best.date ?? '') && s.sourceId > best.sourceId)) best = s;
  }
  return best;
}
