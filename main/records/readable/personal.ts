// How the person's own statements about an entry read (model.ts: PersonalStatement). The vault
// keeps them beside the entry and never changes what a source said; here, at read time, they
// decide what is hidden and which of the person's corrected values are shown (always with the
// source's value beside them). Pure: the renderer, the visit summary and the exports share it.
import type { CorrectableField, EntryKind, PersonalCorrection, PersonalKind, PersonalStatement, RecordDraft } from '../model.ts';
import { CORRECTABLE_FIELDS } from '../model.ts';

/** Statements about whether the item still holds; the newest standing one speaks for the person. */
const STANDING_KINDS: ReadonlySet<PersonalKind> = new Set(['no-longer', 'still', 'wrong']);

/** Entry kinds a person can say "I no longer take / have this" and "I still …" about. */
export const ONGOING_KINDS: ReadonlySet<EntryKind> = new Set(['medication', 'problem']);

/** Which statements a person may make about an entry of this kind. */
export function personalKindsFor(kind: EntryKind): PersonalKind[] {
  return ONGOING_KINDS.has(kind) ? ['no-longer', 'still', 'wrong', 'hidden', 'correction'] : ['wrong', 'hidden', 'correction'];
}

/** The fields a correction offers for an entry of this kind. */
export function correctableFieldsFor(kind: EntryKind): CorrectableField[] {
  if (kind === 'medication') return ['title', 'start', 'end', 'dose', 'frequency', 'instructions', 'asNeeded', 'asNeededFor'];
  // A planned medicine keeps its precondition as a medication does.
  if (kind === 'plan') return ['title', 'start', 'end', 'asNeeded', 'asNeededFor'];
  if (kind === 'allergy') return ['title', 'start', 'severity'];
  return ['title', 'start', 'end'];
}

export interface PersonalView {
  /** The newest of "I no longer …", "I still …" and "This is wrong". */
  standing?: PersonalStatement;
  /** "Hidden by you". */
  hidden?: PersonalStatement;
  /** The newest correction. */
  correction?: PersonalStatement;
}

const newer = (a: PersonalStatement, b: PersonalStatement | undefined) => !b || a.madeAt > b.madeAt || (a.madeAt === b.madeAt && a.id > b.id);

/** The person's statements that count, one of each sort (the newest). */
export function personalView(entry: { personal?: readonly PersonalStatement[] | undefined }): PersonalView {
  const view: PersonalView = {};
  for (const s of entry.personal ?? []) {
    if (STANDING_KINDS.has(s.kind)) {
      if (newer(s, view.standing)) view.standing = s;
    } else if (s.kind === 'hidden') {
      if (newer(s, view.hidden)) view.hidden = s;
    } else if (s.kind === 'correction' && newer(s, view.correction)) view.correction = s;
  }
  return view;
}

/**
 * Why the entry is kept out of lists, the visit summary and the exports: the person said it
 * is wrong, or hid it. Undefined when it is shown.
 */
export function hiddenBecause(entry: { personal?: readonly PersonalStatement[] | undefined }): PersonalStatement | undefined {
  const view = personalView(entry);
  return view.standing?.kind === 'wrong' ? view.standing : view.hidden;
}

export function isHiddenByPerson(entry: { personal?: readonly PersonalStatement[] | undefined }): boolean {
  return hiddenBecause(entry) !== undefined;
}

/** The source's value of a correctable field, as text ('' when the source gave none). */
export function sourceValue(entry: Pick<RecordDraft, 'title' | 'start' | 'end' | 'details'>, field: CorrectableField): string {
  switch (field) {
    case 'title':
      return entry.title;
    case 'start':
      return entry.start ?? '';
    case 'end':
      return entry.end ?? '';
    case 'asNeeded':
      return entry.details.asNeeded ? 'yes' : '';
    default:
      return entry.details[field] ?? '';
  }
}

export interface CorrectedField {
  field: CorrectableField;
  /** What the sources say ('' when they gave none). */
  source: string;
  /** What the person says instead. */
  yours: string;
}

/** Each field the person corrected, with the source's value beside theirs. */
export function correctedFields(entry: Pick<RecordDraft, 'title' | 'start' | 'end' | 'details'> & { personal?: readonly PersonalStatement[] | undefined }): CorrectedField[] {
  const correction: PersonalCorrection | undefined = personalView(entry).correction?.correction;
  if (!correction) return [];
  return CORRECTABLE_FIELDS.flatMap((field) => {
    const yours = correction[field];
    return yours !== undefined && yours !== '' ? [{ field, source: sourceValue(entry, field), yours }] : [];
  });
}

/**
 * The entry as it reads with the person's corrections in place of the sources' values. The
 * caller labels it (correctedFields says what changed and what the source said); the stored
 * entry and its sources are untouched.
 */
export function withCorrections<T extends Pick<RecordDraft, 'title' | 'start' | 'end' | 'details'> & { personal?: readonly PersonalStatement[] | undefined }>(entry: T): T {
  const fields = correctedFields(entry);
  if (fields.length === 0) return entry;
  const out: T = { ...entry, details: { ...entry.details } };
  for (const { field, yours } of fields) {
    if (field === 'title' || field === 'start' || field === 'end') out[field] = yours;
    else if (field === 'asNeeded') out.details.asNeeded = yours === 'yes';
    else out.details[field] = yours;
  }
  // What for, in the person's words, says "as needed" unless they also said it is not; their
  // words replace the source's, so the source's coded condition no longer goes with them.
  const said = new Map(fields.map((f) => [f.field, f.yours]));
  if (said.has('asNeededFor')) {
    delete out.details.asNeededForCodes;
    if (!said.has('asNeeded')) out.details.asNeeded = true;
  }
  if (said.get('asNeeded') === 'no') {
    delete out.details.asNeededFor;
    delete out.details.asNeededForCodes;
  }
  return out;
}
