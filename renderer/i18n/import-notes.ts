// The sentences an import wrote without a kind of entry (renderer side of FileImportReport.notes):
// said with the catalogue's words when main gave their parameters (`notice`), else recognised
// from main's English sentence, else shown as written: an English sentence in Spanish mode is
// better than a person never hearing that something was left out.
import type { FileImportReport } from '../../preload/contract.ts';
import { skippedReason } from './import-errors.ts';
import type { I18n } from './make.ts';

export type ImportNote = NonNullable<FileImportReport['notes']>[number];

/** A note as a person reads it; `lang` set when the text is main's own English, as written. */
export interface SaidNote {
  text: string;
  lang?: 'en';
}

/** Types whose name a person knows better than FHIR's: said with the catalogue's words, FHIR's name beside. */
const NAMED_TYPES: Readonly<Record<string, 'noteType_Consent'>> = { Consent: 'noteType_Consent' };

export function sayNote(note: ImportNote, i18n: Pick<I18n, 't' | 'lang'>): SaidNote {
  const { t } = i18n;
  const notice = note.notice;
  if (notice?.kind === 'not-read') {
    const named = NAMED_TYPES[notice.resourceType];
    const sentence = named
      ? t('note_notReadNamed', { count: notice.count, what: t(named, { count: notice.count }), type: notice.resourceType })
      : t('note_notRead', { count: notice.count, type: notice.resourceType });
    const words = notice.words?.length ? notice.words.map((w) => t('quoted', { text: w })).join(', ') : undefined;
    // An instruction not to do something says so before its words: they name what must not be done.
    if (notice.doNotPerform) {
      const not = words ? t('note_notToDo', { count: notice.count, words }) : t('note_notToDoBare', { count: notice.count });
      return { text: `${sentence} ${not}` };
    }
    // The source's own words, quoted as written: they are what the entries were about.
    return { text: words ? `${sentence} ${t('note_theySay', { words })}` : sentence };
  }
  if (notice?.kind === 'section-not-read') {
    return { text: t('note_sectionNotRead', { count: notice.count, section: notice.section }) };
  }
  if (notice?.kind === 'summarised') {
    return { text: t('note_summarised', { count: notice.readings, summaries: t('note_summaries', { count: notice.summaries }) }) };
  }
  if (i18n.lang === 'en') return { text: note.reason };
  const known = skippedReason(note.reason);
  return known.key === 'reason_other' ? { text: note.reason, lang: 'en' } : { text: t(known.key, known.vars) };
}

/** The notes the report lists: a card's signature sentence is the card's own block. */
export function listedNotes(report: Pick<FileImportReport, 'notes'>): ImportNote[] {
  return (report.notes ?? []).filter((n) => n.notice?.kind !== 'card-signature');
}
