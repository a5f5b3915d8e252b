// A refused file's sentence in the reader's language. Main words it in English (one sentence
// per cause, importers/*); the causes a person meets most are recognised here and said with the
// screen's own words, every other one by its kind, so a Spanish reader never gets English.
import type { FileImportReport } from '../../preload/contract.ts';
import type { MessageKey } from './en.ts';

const KNOWN: readonly [RegExp, MessageKey][] = [
  [/is not a health record Chartkeeper can read\.$/, 'importErr_notRecord'],
  [/^This file is empty\.$/, 'importErr_empty'],
  [/^This Apple Health export holds no readings Chartkeeper keeps/, 'importErr_appleNothing'],
  [/^The import was cancelled; nothing was imported from it\.$/, 'importErr_cancelled'],
  [/holds no clinical document\.$/, 'importErr_noDocument'],
  [/is damaged or incomplete and could not be read as XML\.$/, 'importErr_damagedXml'],
  [/^This zip file holds no health record Chartkeeper can read\.$/, 'importErr_zipNoRecord'],
  [/(larger than 100 MB|too large to import)/, 'importErr_tooLarge'],
  [/cannot tell whose record it is\.$/, 'importErr_noPatient'],
  [/is (?:a|an encrypted) SMART Health Link\b/, 'importErr_healthLink'],
];

/** The catalogue key (and its file name) for a refused file's sentence. */
export function importErrorKey(report: Pick<FileImportReport, 'error' | 'errorKind'>): MessageKey {
  if (report.errorKind === 'disk-full') return 'importErr_diskFull';
  const error = report.error ?? '';
  for (const [pattern, key] of KNOWN) if (pattern.test(error)) return key;
  return report.errorKind === 'unreadable-file' ? 'importErr_unreadable' : 'importErr_other';
}

/** The formats Chartkeeper reads, as the catalogue names them for a refused file. */
export const FORMAT_LIST_KEYS: readonly MessageKey[] = [
  'fmtList_ccda',
  'fmtList_xdm',
  'fmtList_va-text',
  'fmtList_cms',
  'fmtList_fhir-r4',
  'fmtList_shc',
  'fmtList_glucose',
  'fmtList_bp-csv',
  'fmtList_apple-health',
  'fmtList_csv-mapped',
];

/**
 * Why an entry was skipped, said again with the screen's words: [pattern, key], the pattern's
 * named groups filling the key's placeholders (a count picks the plural form). The reason's
 * kind is shown beside it, so the sentences need not name it.
 */
const REASONS: readonly [RegExp, MessageKey][] = [
  // Sentences about a whole file or row rather than a skipped entry (the report's notes).
  [/^The file writes each time without the time zone it was taken in; the times are shown in this computer's time zone, (?<zone>\S+)\.$/, 'note_bpZone'],
  [/^Row (?<row>\d+) gives only the systolic pressure; it was imported alone\.$/, 'note_bpOnlySystolic'],
  [/^Row (?<row>\d+) gives only the diastolic pressure; it was imported alone\.$/, 'note_bpOnlyDiastolic'],
  [/^Row (?<row>\d+) \((?<reading>[^)]*) mmHg\) is outside what a cuff measures; it was imported as written, please check it\.$/, 'note_bpCheck'],
  [/^Line (?<line>\d+) \((?<values>.*)\) is outside what is usually measured; it was imported as written, please check it\.$/s, 'note_lineCheck'],
  [/^The document has an empty body: it holds no sections\.$/, 'note_emptyBody'],
  [/^The document has no body: it holds only a header\.$/, 'note_noBody'],
  [/^The document has an unstructured body with no content\.$/, 'note_emptyUnstructured'],
  [/^The document's content is a separate file \((?<file>.*)\) that is not included in what was imported\.$/s, 'note_separateFile'],
  [/^The section "(?<section>.*)" of this document is text only, so it was not imported as entries; the original file keeps it\.$/s, 'note_textOnlySection'],
  [/^The package says (?<file>.+) is (?<size>\d+) bytes but it is (?<actual>\d+); it was imported anyway\.$/s, 'note_xdmSize'],
  [/^The package's checksum for (?<file>.+) does not match the file; it was imported anyway\.$/s, 'note_xdmChecksum'],
  [/^(?<file>.+) is an ASTM CCR record, which Chartkeeper cannot read yet; it is kept as an attachment\.$/s, 'note_ccr'],
  [/^(?<count>\d+) lines? above the header (?:was|were) not read\.$/, 'note_bannerLines'],
  // Lines of a CSV read with the person's column mapping (main/importers/csv-mapping).
  [/^Line (?<line>\d+) has (?<cells>\d+) cells? where the header has (?<width>\d+)/, 'reason_lineCells'],
  [/^Line (?<line>\d+) holds no value in the mapped columns/, 'reason_lineNoValue'],
  [/^Line (?<line>\d+) was not imported: it has no date\.$/, 'reason_lineNoDate'],
  [/^Line (?<line>\d+) was not imported: the date "(?<text>.*)" has a two-digit year/s, 'reason_lineTwoDigitYear'],
  [/^Line (?<line>\d+) was not imported: the date "(?<text>.*)" is not a day on the calendar/s, 'reason_lineNoSuchDay'],
  [/^Line (?<line>\d+) was not imported: the date "(?<text>.*)" is not written as/s, 'reason_lineDateFormat'],
  [/^Line (?<line>\d+) was not imported: the time (?:in )?"(?<text>.*)" cannot be read/s, 'reason_lineTime'],
  [/^Line (?<line>\d+) was not imported: the time zone "(?<text>.*)" cannot be read/s, 'reason_lineZone'],
  [/^Line (?<line>\d+) was not imported: its time(?: has no time zone| zone cell is empty)/, 'reason_lineNoZone'],
  [/^Line (?<line>\d+) was not imported: "(?<text>.*)" is written with a (?:comma|point)/s, 'reason_lineDecimal'],
  [/^Line (?<line>\d+) was not imported: "(?<text>.*)" is not a number/s, 'reason_lineNotNumber'],
  [/^Line (?<line>\d+) was not imported: (?:the unit "(?<text>.*)" is not one|its unit cell)/s, 'reason_lineUnit'],
  [/^Line (?<line>\d+): .* so it was not imported\.$/s, 'reason_appleRefused'],
  [/^(?<count>\d+) more readings? (was|were) refused for reasons like those above\.$/, 'reason_appleMore'],
  [/^The document states no known .+? \("(?<text>.*)"\); that is kept with the document, not as an entry\.$/s, 'reason_noneKnownText'],
  [/^The document states no known .+?; that is kept with the document, not as an entry\.$/s, 'reason_noneKnown'],
  [/^"(?<text>.*)" stands in for absent data\b/s, 'reason_placeholder'],
  [/list holds no information, only an empty entry/, 'reason_emptyList'],
  [/was marked as entered in error\.$/, 'reason_enteredInError'],
  [/carries a modifier extension Chartkeeper does not know \((?<text>.*)\); it may change what the entry means/s, 'reason_unknownModifier'],
  [/was refuted by a clinician\.$/, 'reason_refuted'],
  [/entry holds no clinical statement, only narrative\.$/, 'reason_narrativeOnly'],
  [/entry names no specific .+?, only "(?<text>.*)"/s, 'reason_unspecific'],
  [/^(?<count>\d+) items? in the "(?<section>.+)" section (?:is|are) only in the document's text/s, 'reason_textOnlyRows'],
  [/^(?<count>\d+) (?<type>\S+) entr(?:y|ies)\b.*not imported because Chartkeeper does not read/s, 'reason_notReadYet'],
  [/^Claims are not read from CDA documents\.$/, 'reason_claimsFromCda'],
  [/entry points to its medication as "(?<ref>[^"]+)", which is not in this file/, 'reason_missingReference'],
  [/\b(?:has no|names no|does not name|has neither)\b.*\b(?:name|names?d?|code|description|title|substance|condition|payer|type)\b/, 'reason_noName'],
  [/\bhas no (?:results?|admission date|date)\b/, 'reason_noValue'],
];

/** A skipped entry's reason as a catalogue key and its placeholders; `reason_other` when not recognised. */
export function skippedReason(reason: string): { key: MessageKey; vars: Record<string, string | number> } {
  for (const [pattern, key] of REASONS) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const vars: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) vars[name] = name === 'count' ? Number(value) : (value ?? '');
    return { key, vars };
  }
  return { key: 'reason_other', vars: {} };
}
