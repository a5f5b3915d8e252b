// Which words fit an entry of each kind: what its dates mean ("Collected" for a lab, "Given"
// for a vaccine) and whether its status means anything to a patient ("Completed" on every
// claim and result does not). The words themselves live with each language's strings; these
// are the keys.

import type { Code, EntryKind } from '../model.ts';

export type DateLabel =
  | 'started'
  | 'ended'
  | 'collected'
  | 'measured'
  | 'given'
  | 'visited'
  | 'performed'
  | 'noted'
  | 'resolved'
  | 'service'
  | 'plannedFor'
  | 'covered'
  | 'coverageEnded'
  | 'validUntil'
  | 'date';

const START_LABEL: Record<EntryKind, DateLabel> = {
  problem: 'noted',
  medication: 'started',
  allergy: 'noted',
  immunization: 'given',
  result: 'collected',
  vital: 'measured',
  encounter: 'visited',
  procedure: 'performed',
  plan: 'plannedFor',
  social: 'started',
  functional: 'noted',
  family: 'noted',
  coverage: 'covered',
  claim: 'service',
  note: 'date',
  appointment: 'plannedFor',
  question: 'date',
  directive: 'date',
};

const END_LABEL: Partial<Record<EntryKind, DateLabel>> = {
  problem: 'resolved',
  coverage: 'coverageEnded',
  // A directive's provision period: it holds until then (often a date still to come).
  directive: 'validUntil',
};

/** What an entry's start and end dates mean for its kind. */
export function dateLabels(kind: EntryKind): { start: DateLabel; end: DateLabel } {
  return { start: START_LABEL[kind], end: END_LABEL[kind] ?? 'ended' };
}

/**
 * Kinds whose status tells a patient something as a matter of course: whether a medicine is
 * still taken, a problem still active, insurance still in force. For events (a result, a visit,
 * a claim, a vaccine given) "completed" or "active" is the normal state and says nothing.
 */
const ONGOING_KINDS: ReadonlySet<EntryKind> = new Set(['problem', 'medication', 'allergy', 'coverage', 'social', 'directive']);

/** Statuses of an event that do tell a patient something: it did not happen as planned. */
const NOTEWORTHY_EVENT_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'refused', 'not-done', 'stopped', 'planned']);

/** The status worth showing for an entry, or undefined when it would only be noise. */
export function shownStatus(kind: EntryKind, status: string | undefined): string | undefined {
  const s = status?.trim().toLowerCase();
  if (!s || s === 'unknown') return undefined;
  if (ONGOING_KINDS.has(kind)) return s;
  if (kind === 'plan' || kind === 'appointment') return s === 'planned' ? undefined : NOTEWORTHY_EVENT_STATUSES.has(s) ? s : undefined;
  return NOTEWORTHY_EVENT_STATUSES.has(s) ? s : undefined;
}

/** How the importers begin a comment that gives a reason. */
const REASON_LABEL = 'Reason: ';

/**
 * An entry's comment in the reader's language where Chartkeeper wrote its label: the importers
 * write why something was not done or not found as "Reason: …" (the reason itself is the source's
 * words and stays as written).
 */
export function commentWords(comment: string | undefined, language: 'en' | 'es' = 'en'): string | undefined {
  if (!comment || language !== 'es' || !comment.startsWith(REASON_LABEL)) return comment;
  return `Motivo: ${comment.slice(REASON_LABEL.length)}`;
}

/** A code as the source wrote it: "SNOMED 7771000 (Left)". */
export function codeWords(code: Code): string {
  return `${code.system} ${code.code}${code.display ? ` (${code.display})` : ''}`;
}

/**
 * Why, on a line of its own: the reasons' words as the source gave them (a visit's indication, a
 * medicine's reasonCode), then any code whose name those words do not already say ("SNOMED
 * 233604007"). Undefined for an entry stored before reasons were kept apart (its comment still
 * says "Reason: …").
 */
export function reasonWords(details: { reason?: string | undefined; reasonCodes?: readonly Code[] | undefined }): string | undefined {
  const words = details.reason?.trim();
  const unnamed = (details.reasonCodes ?? []).filter((c) => !c.display || !words?.toLowerCase().includes(c.display.toLowerCase()));
  const codes = unnamed.map(codeWords);
  if (!words) return codes.join('; ') || undefined;
  return codes.length ? `${words} (${codes.join('; ')})` : words;
}

/**
 * The comment once its "Reason: …" (written by the importer from the same words as `reason`) is
 * shown on the reason's own line: what the comment says besides, in the reader's language.
 */
export function commentBesidesReason(comment: string | undefined, reason: string | undefined, language: 'en' | 'es' = 'en'): string | undefined {
  const said = reason?.trim();
  if (comment && said && comment.startsWith(`${REASON_LABEL}${said}`)) {
    const rest = comment.slice(REASON_LABEL.length + said.length).replace(/^[.;,]?\s*/, '');
    return rest === '' ? undefined : commentWords(rest, language);
  }
  return commentWords(comment, language);
}

/**
 * A visit's diagnoses as the source said them: a coded one by its words (its code when it has
 * none), then those given only in words ("Community acquired pneumonia").
 */
export function diagnosisWords(details: { diagnoses?: readonly Code[] | undefined; diagnosisTexts?: readonly string[] | undefined }): string | undefined {
  const said = [...(details.diagnoses ?? []).map((c) => c.display ?? `${c.system} ${c.code}`), ...(details.diagnosisTexts ?? [])];
  return said.length ? said.join('; ') : undefined;
}

/**
 * Why a visit took place, for a page with no room for its comment: its reasons (reasonWords),
 * or, for a visit stored before reasons were kept apart, what its comment says after the
 * importer's "Reason: ".
 */
export function visitReasonWords(details: { reason?: string | undefined; reasonCodes?: readonly Code[] | undefined; comment?: string | undefined }): string | undefined {
  return reasonWords(details) ?? (details.comment?.startsWith(REASON_LABEL) ? details.comment.slice(REASON_LABEL.length).trim() || undefined : undefined);
}
