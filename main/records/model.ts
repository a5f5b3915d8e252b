// The normalized record model. Importers produce these shapes from bytes; the vault stores
// them; reconciliation, the timeline and trends read them. Nothing here knows about Electron,
// SQLite or any file format.

/** Entry kinds counted in the import report (the contract's report keys). */
export const REPORT_KINDS = [
  'problems',
  'medications',
  'allergies',
  'immunizations',
  'results',
  'vitals',
  'encounters',
  'procedures',
  'plans',
  'social',
  'functional',
  'family',
  'coverage',
  'claims',
  'directives',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The singular kind stored on each entry. */
export const ENTRY_KINDS = [
  'problem',
  'medication',
  'allergy',
  'immunization',
  'result',
  'vital',
  'encounter',
  'procedure',
  'plan',
  'social',
  'functional',
  'family',
  'coverage',
  'claim',
  'note',
  'appointment',
  'question',
  'directive',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const REPORT_KIND_OF: Record<EntryKind, ReportKind | null> = {
  problem: 'problems',
  medication: 'medications',
  allergy: 'allergies',
  immunization: 'immunizations',
  result: 'results',
  vital: 'vitals',
  encounter: 'encounters',
  procedure: 'procedures',
  plan: 'plans',
  social: 'social',
  functional: 'functional',
  family: 'family',
  coverage: 'coverage',
  claim: 'claims',
  note: null,
  appointment: null,
  question: null,
  directive: 'directives',
};

/**
 * Code systems by the short names used everywhere in Chartkeeper. `OID_OF` maps them to the
 * HL7 OIDs found in CDA documents and used by MedlinePlus Connect; FHIR URIs are mapped by
 * the FHIR importer. An unknown system keeps its OID or URI as the system name.
 */
export const CODE_SYSTEMS = {
  SNOMED: '2.16.840.1.113883.6.96',
  ICD10CM: '2.16.840.1.113883.6.90',
  ICD9CM: '2.16.840.1.113883.6.103',
  RXNORM: '2.16.840.1.113883.6.88',
  NDC: '2.16.840.1.113883.6.69',
  LOINC: '2.16.840.1.113883.6.1',
  CVX: '2.16.840.1.113883.12.292',
  CPT: '2.16.840.1.113883.6.12',
  HCPCS: '2.16.840.1.113883.6.285',
  UCUM: '2.16.840.1.113883.6.8',
} as const;
export type KnownCodeSystem = keyof typeof CODE_SYSTEMS;

export interface Code {
  /** A KnownCodeSystem name, or the OID/URI as written when the system is not one of them. */
  system: string;
  code: string;
  display?: string;
}

/**
 * Dates are ISO 8601 strings at the precision the source gave: `YYYY`, `YYYY-MM`,
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS][±HH:MM|Z]`. Never invent precision.
 */
export type PartialDate = string;

export interface Quantity {
  /** The numeric value when the source gave one. */
  number?: number;
  /** The value as written (always kept: "<0.5", "Positive", "120/80"). */
  text?: string;
  unit?: string;
  /**
   * The source's HL7 null flavor ("UNK", "ASKU") when its value is no answer: `text` then holds
   * the words it wrote beside the flavor ("Unknown"), never a real answer (readable/quantity.ts).
   */
  nullFlavor?: string;
}

export interface ReferenceRange {
  low?: number;
  high?: number;
  unit?: string;
  /** The range as written ("4.0-11.0", "Negative"). */
  text?: string;
}

/** CDA narrative, reduced to an allowlisted tree (never HTML). See narrative.ts. */
export type NarrativeNode = string | NarrativeElement;
export interface NarrativeElement {
  tag: NarrativeTag;
  children: NarrativeNode[];
  /** Only for `link`: an https URL (anything else is dropped by the importer). */
  href?: string;
  /** Only for table cells. */
  colspan?: number;
  rowspan?: number;
}
export const NARRATIVE_TAGS = [
  'paragraph',
  'list',
  'ordered-list',
  'item',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'row',
  'header-cell',
  'cell',
  'bold',
  'italic',
  'underline',
  'sub',
  'sup',
  'break',
  'link',
  'span',
] as const;
export type NarrativeTag = (typeof NARRATIVE_TAGS)[number];

/** A day's readings summarised (EntryDetails.readings). */
export interface ReadingsSummary {
  count: number;
  min: number;
  max: number;
  /** The first and last reading's local time (`YYYY-MM-DDTHH:MM[:SS]`), when known. */
  first?: string;
  last?: string;
}

/** One dosage of a medicine, in the shape the first is kept in (EntryDetails.dose, route, frequency). */
export interface DoseLine {
  dose?: string;
  route?: string;
  frequency?: string;
  /**
   * How to take it beyond the dose ("With or after food"), FHIR dosage.additionalInstruction,
   * in the source's words (text, else a coding's display), several joined by "; ".
   */
  additionalInstruction?: string;
  additionalInstructionCodes?: Code[];
  /** How it goes in (FHIR dosage.method: "Swallow"), in the source's words; a procedure's method shares the field. */
  method?: string;
  methodCodes?: Code[];
  /**
   * The most to take in a stretch of time (FHIR dosage.maxDosePerPeriod) in Chartkeeper's own
   * shape "4 TAB per 1 d" (numerator, then "per", then the denominator, each as the source wrote
   * it), worded at read time (main/records/readable/dosage-extras.ts).
   */
  maxDosePerPeriod?: string;
  /**
   * How long to take it (FHIR timing.repeat.boundsDuration "10 d", boundsRange "5-10 d"), as a
   * number (or low-high) and the unit the source wrote; worded at read time.
   */
  takeFor?: string;
}

/** One reaction's own facts (EntryDetails.reactionFacts). */
/**
 * A relative's age when a condition began, as the source gave it: one age (`value`), a range
 * (`value` to `high`), or only words (`text`, FHIR onsetString). The unit is the source's
 * ("a" is UCUM's year; CCD 1.0 gives a bare number, kept without one: never assumed years).
 */
export interface OnsetAge {
  value?: number;
  high?: number;
  unit?: string;
  text?: string;
}

export interface ReactionFacts {
  /** The reaction's manifestations (as in EntryDetails.reactions): which reaction the facts are of. */
  manifestations?: string[];
  /** When this reaction began (FHIR reaction.onset). */
  onset?: PartialDate;
  /** How the person was exposed (FHIR reaction.exposureRoute), in the source's words. */
  exposureRoute?: string;
  exposureRouteCodes?: Code[];
  /** The openEHR reaction extensions: how the exposure happened, and how the reaction was managed. */
  exposureDescription?: string;
  management?: string;
  /** Where on the body it showed (openEHR-location), in the source's words. */
  location?: string;
  locationCodes?: Code[];
  /** When the exposure was (openEHR-exposureDate). */
  exposureDate?: PartialDate;
  /** How long the exposure and the reaction lasted (openEHR-exposureDuration, allergyintolerance-duration), as "10 min". */
  exposureDuration?: string;
  duration?: string;
  /**
   * How sure the source is that the substance caused it (allergyintolerance-certainty): the code
   * of FHIR's reaction-event-certainty (unlikely, likely, confirmed, unknown), else its words.
   */
  certainty?: string;
}

/** Kind-specific facts. Every field optional; importers fill what the source says. */
export interface EntryDetails {
  // medications
  dose?: string;
  route?: string;
  frequency?: string;
  /**
   * The source records one administration (a dose given once), not a prescription or a
   * regimen: it is never merged with a repeating prescription of the same drug.
   */
  oneTime?: boolean;
  /**
   * The second and later structured dosages, in the source's order ("½ tablet in the evening"
   * after "1 tablet in the morning"); the first is dose, route and frequency above.
   */
  moreDoses?: DoseLine[];
  /** The first dosage's additional instruction, most-per-period and how long (see DoseLine); its method is `method`. */
  additionalInstruction?: string;
  additionalInstructionCodes?: Code[];
  maxDosePerPeriod?: string;
  takeFor?: string;
  instructions?: string;
  prescriber?: string;
  /**
   * What a prescription allows to be dispensed (FHIR dispenseRequest): the quantity as "value
   * unit" ("30 TAB", "480 mL"), the refills (numberOfRepeatsAllowed, 0 kept as 0), and how long
   * a fill should last ("30 d", as expectedSupplyDuration's number and unit).
   */
  dispenseQuantity?: string;
  refills?: number;
  supplyDuration?: string;
  /**
   * The source says the medicine is taken only when needed (PRN): a C-CDA precondition, FHIR's
   * dosage.asNeeded. Never inferred from a drug's name or from free text.
   */
  asNeeded?: boolean;
  /** What it is taken for when needed, in the source's words ("Wheezing"). */
  asNeededFor?: string;
  /** The coded condition behind asNeededFor, when the source coded it. */
  asNeededForCodes?: Code[];
  /**
   * The source forbids it: a FHIR MedicationRequest's doNotPerform ("do not give this"). Stored
   * with status 'not-done', as a negated C-CDA medicine is, so it is never current; the
   * request's own status as the source coded it ("active": the prohibition stands) is in orderStatus.
   */
  doNotPerform?: boolean;
  orderStatus?: string;
  /**
   * Why a FHIR medicine is taken or is in its status (reasonCode, statusReason), or why a visit
   * took place (C-CDA's RSON Indication, FHIR's Encounter.reasonCode): the reasons' words as the
   * comment's "Reason: …" says them (the comment keeps them for every reader) and their codes.
   * The export writes both back as one reasonCode, as additionalInstruction is.
   */
  reason?: string;
  reasonCodes?: Code[];
  // allergies
  substance?: string;
  reactions?: string[];
  /**
   * An allergy's reaction severity (FHIR's code, or the source's words); a condition's severity
   * (FHIR Condition.severity) in the source's words, its codes in severityCodes.
   */
  severity?: string;
  severityCodes?: Code[];
  allergyType?: string;
  /** How dangerous a future reaction could be, as the source states it ("High"). */
  criticality?: string;
  /** When the person last reacted (FHIR lastOccurrence). */
  lastOccurrence?: PartialDate;
  /**
   * What the source said of each reaction beyond its manifestations and severity, one item per
   * reaction that says any of it, in the source's order.
   */
  reactionFacts?: ReactionFacts[];
  // results and vitals
  panel?: string;
  panelCodes?: Code[];
  specimen?: string;
  /**
   * The entry stands for many readings of one day (a sensor's or a watch's stream kept as a
   * daily summary): how many, and their lowest and highest, in the value's unit; the value is
   * their mean. Charts draw it as a range, never as one exact reading.
   */
  readings?: ReadingsSummary;
  // encounters and procedures
  location?: string;
  performers?: string[];
  encounterType?: string;
  /**
   * Where on the body (a procedure's or problem's target site), in the source's words, each
   * site with its laterality as the source qualified it ("Structure of knee (Left)"); several
   * sites joined by "; ". A laterality on the procedure's own code is a site of its own ("Left").
   */
  bodySite?: string;
  bodySiteCodes?: Code[];
  /**
   * How a procedure was done (C-CDA methodCode), in the source's words ("Laparoscopic
   * procedure"); for a medicine, how its first dosage goes in (FHIR dosage.method, "Swallow").
   */
  method?: string;
  methodCodes?: Code[];
  /** Where the person went after a stay, in the source's words ("Discharged to home or self care"). */
  dischargeDisposition?: string;
  dischargeDispositionCodes?: Code[];
  // problems
  /**
   * What the source recorded a problem as: C-CDA's Problem Type (Problem, Diagnosis, Complaint,
   * Symptom, Finding, Condition…) or FHIR's Condition.category, as coded. Shown in words at
   * read time (`problemTypeWords`); `problemType` holds the source's words only for a type it
   * gave without a code.
   */
  problemTypeCodes?: Code[];
  problemType?: string;
  // immunizations (the lot also for a medicine: FHIR Medication.batch)
  lotNumber?: string;
  /**
   * The lot's expiry date as the source gave it (FHIR Immunization.expirationDate, a Medication's
   * batch.expirationDate), shown beside the lot.
   */
  lotExpires?: PartialDate;
  /**
   * When the source says the next dose is due (Epic's next-due-date extension): the source's own
   * forecast, worded as such ("Next dose due per the source"); never Chartkeeper's forecast
   * (main/immunizations, "What's due"), which does not read it.
   */
  nextDoseDue?: PartialDate;
  /**
   * The source says it did not give this dose itself: it was reported to it (FHIR
   * `primarySource: false`, DSTU2 `reported: true`). Absent says nothing either way, never
   * "given here". Worded at read time (`reportedWords`).
   */
  reported?: boolean;
  /** Who reported the dose, in the source's words ("Patient", "Immunization Registry"): FHIR reportOrigin. */
  reportOrigin?: string;
  reportOriginCodes?: Code[];
  manufacturer?: string;
  refused?: boolean;
  // family history
  relation?: string;
  /**
   * The source says the relative died of this condition: a C-CDA CAUS link to SNOMED 419099009
   * "Dead" (CCD 1.0's 10.20.1.42, C-CDA's 4.47), FHIR's condition.contributedToDeath true. Worded
   * at read time (`causeOfDeathWords`); entries imported before kept it as the comment "Cause of death".
   */
  causeOfDeath?: boolean;
  /** The relative's age when the condition began, as the source gave it (see OnsetAge). */
  onsetAge?: OnsetAge;
  // coverage and claims
  payer?: string;
  memberId?: string;
  groupId?: string;
  claimId?: string;
  amountBilled?: number;
  amountPaid?: number;
  provider?: string;
  diagnoses?: Code[];
  /** A visit's diagnoses the source gave only in words, with no code ("Community acquired pneumonia"). */
  diagnosisTexts?: string[];
  // advance directives (FHIR Consent, C-CDA Advance Directive Observation)
  /** What sort of consent the source says it is, in its words ("Treatment", "Advance Directive"). */
  directiveScope?: string;
  /** Whether the directive permits or refuses what its provision names, as FHIR codes it: "permit" or "deny". */
  provision?: string;
  /** What the provision names ("Not for resuscitation"), coded as the source coded it. */
  provisionCodes?: Code[];
  /** The provision's words when it gave no code (its codes' own displays are in provisionCodes). */
  provisionText?: string;
  /** The organisation that keeps or manages it. */
  organization?: string;
  /** The title of the document it rests on (the signed form), as the source gives it. */
  sourceTitle?: string;
  /** Who verified it (C-CDA participant VRF), with the day when the source gives one: "Dr. Robert Dolin (2011-02-13)". */
  verifiedBy?: string[];
  /** Who keeps the document (C-CDA participant CST), a person or an organisation, as the source names them. */
  custodian?: string;
  // plan, appointment, question, note
  plannedFor?: PartialDate;
  /** A note the person wrote for the clinician: printed on every visit summary. */
  forClinician?: boolean;
  /** Free notes from the source that fit nowhere else ("Instructions: take with food"). */
  comment?: string;
  /** A daily summary of a device's readings: how many readings it stands for. */
  summaryOf?: number;
}

/** One entry as an importer produces it (before reconciliation). */
export interface RecordDraft {
  kind: EntryKind;
  /** What a person calls it: "Metformin 500 mg tablet", "Hemoglobin A1c". */
  title: string;
  /** Primary code first, then translations. */
  codes: Code[];
  /** Normalized: active, resolved, inactive, completed, stopped, cancelled, refused, not-done, planned, unknown. */
  status?: string;
  start?: PartialDate;
  end?: PartialDate;
  value?: Quantity;
  referenceRange?: ReferenceRange;
  /** H, L, HH, LL, A, N … as the source coded it. */
  interpretation?: string;
  details: EntryDetails;
  /** The entry's own narrative text (resolved `<reference value="#…">`), plain text. */
  narrative?: string;
  /** Where in the file (an XPath-like hint or a line number) for provenance display. */
  sourceLocation?: string;
}

export interface PatientIdentity {
  /** Full name as written. */
  name?: string;
  given?: string[];
  family?: string;
  birthDate?: PartialDate;
  sex?: string;
  identifiers?: { system?: string; value: string }[];
}

export interface DocumentSection {
  title: string;
  code?: Code;
  narrative: NarrativeNode[];
}

export interface Attachment {
  title?: string;
  mediaType: string;
  /** base64 of the attachment's bytes */
  data: string;
}

export interface DocumentMeta {
  title?: string;
  /** The document type code (LOINC for C-CDA). */
  type?: Code;
  /** Template-level variant: "CCD", "Discharge Summary", "C32", "VA Blue Button 12.5" … */
  variant?: string;
  date?: PartialDate;
  authorOrganization?: string;
  authorName?: string;
  /** Custodian or source system when it differs from the author. */
  custodian?: string;
  sections: DocumentSection[];
  attachments: Attachment[];
  /**
   * What the document states there is none of ("No known medications"): not entries, since
   * "none known" is not a fact about a medicine, but kept so the person can see it was said.
   */
  statements?: NoneKnownStatement[];
}

/** A document's "none known" statement for one kind, as of `date` (else the document's date). */
export interface NoneKnownStatement {
  kind: ReportKind;
  date?: PartialDate;
  /** The source's own words, when it gave any ("No Known Immunization history"). */
  text?: string;
}

/**
 * What a sentence without a `kind` says, as parameters the report words in the reader's
 * language (the English `reason` stays beside it, as written).
 */
export type ImportNotice =
  /**
   * Entries of a type Chartkeeper does not read yet; `words`: what those entries themselves say;
   * `doNotPerform`: each was an instruction NOT to do what its words name (FHIR `doNotPerform`).
   */
  | { kind: 'not-read'; resourceType: string; count: number; words?: string[]; doNotPerform?: true }
  /** Entries of a C-CDA section Chartkeeper does not read (its title as the document gives it); its text is kept. */
  | { kind: 'section-not-read'; section: string; count: number }
  /** Readings kept as daily summaries; the original file holds every one. */
  | { kind: 'summarised'; readings: number; summaries: number }
  /** A health card's signature sentence: the report shows the card's check as its own block. */
  | { kind: 'card-signature' };

/** Something that could not be read; `kind` set when it was a skipped entry of that kind. */
export interface ImportProblem {
  kind?: ReportKind;
  reason: string;
  notice?: ImportNotice;
  where?: string;
  /**
   * Set when the problem stands for rows of a section that exist only in its narrative
   * text (no coded entries): how many rows. The report counts them as read and skipped.
   */
  textOnly?: number;
}

/** One clinical document as a pure importer returns it. */
export interface ImportedDocument {
  patient: PatientIdentity;
  document: DocumentMeta;
  records: RecordDraft[];
  problems: ImportProblem[];
  /** A SMART Health Card's signature check (the shc importer), for the import report. */
  healthCard?: HealthCardCheck;
}

/** verified: signed by a key the person has; not-checked: no key at hand; invalid: altered or signed by another key; revoked: the issuer revoked it. */
export type HealthCardSignature = 'verified' | 'not-checked' | 'invalid' | 'revoked';
/**
 * Why something the issuer publishes (its key set, a revocation list) could not be had: online
 * lookups off, the computer offline (no connection), no answer in time, the issuer refusing,
 * an answer larger than any such file, an answer that is not one, or an issuer address
 * Chartkeeper does not fetch from.
 */
export type IssuerFetchFailure = 'online-off' | 'offline' | 'timeout' | 'refused' | 'too-large' | 'malformed' | 'address-refused';
/**
 * Why a card's signature was not checked: no key at hand (and nothing fetched), the issuer's
 * key set could not be fetched (`IssuerFetchFailure`), a key set without the card's key, or a
 * signature algorithm other than ES256.
 */
export type HealthCardKeysMissing = 'no-key' | IssuerFetchFailure | 'no-such-key' | 'not-es256';
/**
 * Why a card whose signature was checked was not checked for revocation: its key announces no
 * revocation list (the issuer publishes none for it), or it announces one that is not at hand
 * (not fetched in a bare reading, or could not be fetched: `IssuerFetchFailure`).
 */
export type HealthCardRevocationNote = 'no-list' | 'not-fetched' | IssuerFetchFailure;
export interface HealthCardCheck {
  issuer: string;
  signature: HealthCardSignature;
  /** Where the key that checked it came from: a key set chosen with the card or beside it, the keys kept in the vault, or the issuer's address just now. */
  keyFrom?: 'file' | 'kept' | 'fetched';
  /** The id (kid) of the key that checked it, as the card's header names it. */
  keyId?: string;
  /** The key set's address when the key was fetched from the issuer (now, or before and kept), and when. */
  keyUrl?: string;
  keyFetchedAt?: string;
  /** Set when the signature was not checked. */
  notChecked?: HealthCardKeysMissing;
  /** Whether a revocation list of the issuer was at hand (a card can be found revoked only then). */
  revocationChecked: boolean;
  /**
   * With a checked signature: why revocation was not checked; or, when an older list was at
   * hand and checked, why the newer one the key announces could not be fetched.
   */
  revocationNote?: HealthCardRevocationNote;
  /** The kept key set was due to be fetched again and could not be: the card was checked with the kept keys. */
  keyRefreshFailed?: IssuerFetchFailure;
  /** Keys from a file beside the card that checked it and are not kept yet: the person may keep them. */
  offerKeys?: Record<string, unknown>[];
}

export const FORMATS = [
  'ccda',
  'c32',
  'xdm',
  'va-text',
  'cms-text',
  'cms-fhir',
  'fhir-r4',
  'shc',
  'glucose-csv',
  'bp-csv',
  'apple-health',
  // Results the person confirmed from the text of one of their kept documents (a lab report).
  'kept-document',
  'csv-mapped',
] as const;
export type FormatId = (typeof FORMATS)[number];

/** What parsing a whole file gives: a zip may hold several documents. */
export interface ParsedFile {
  format: FormatId;
  documents: ImportedDocument[];
}

/** Where a stored entry was seen: one link per source file (or manual entry). */
export interface ProvenanceLink {
  sourceId: number;
  /** The author organization of that source ("Good Health Clinic"), or "Entered by hand". */
  provider: string;
  format: FormatId | 'manual';
  fileName?: string;
  documentDate?: PartialDate;
  importedAt: string;
  /** The entry as that source wrote it, before reconciliation. */
  original: RecordDraft;
}

/**
 * What the person says about an entry in their own words. Never a change to what a source
 * said: stored beside the entry, dated, shown as theirs, and withdrawn at will.
 * - `no-longer`: "I no longer take this" (a problem: "I no longer have this")
 * - `still`: "I still take this" ("I still have this")
 * - `wrong`: "This is wrong": left out of current lists, the visit summary and exports
 * - `hidden`: hidden from view (shown again with "Show hidden"), also left out of the summary and exports
 * - `correction`: the person's own values for some fields, shown beside the source's
 */
export const PERSONAL_KINDS = ['no-longer', 'still', 'wrong', 'hidden', 'correction'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/** The fields a person can correct; everything else stays as the sources gave it. */
/** `asNeeded` is "yes" or "no" (a correction's values are words); `asNeededFor` is what for, in the person's words. */
export const CORRECTABLE_FIELDS = ['title', 'start', 'end', 'dose', 'frequency', 'instructions', 'severity', 'asNeeded', 'asNeededFor'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type PersonalCorrection = Partial<Record<Exclude<CorrectableField, 'asNeeded'>, string>> & { asNeeded?: 'yes' | 'no' };

export interface PersonalStatement {
  id: number;
  kind: PersonalKind;
  /** The day the person said it (YYYY-MM-DD). */
  date: string;
  /** When it was recorded (ISO time). */
  madeAt: string;
  /** The person's own words about it, if any. */
  note?: string;
  /** Who said it, when it came from another caregiver's shared copy ("Ruth"); unset for the person here. */
  by?: string;
  /** Only for `correction`. */
  correction?: PersonalCorrection;
}

/** An entry as the vault returns it: one reconciled entry with all its provenance. */
export interface StoredEntry extends RecordDraft {
  id: number;
  manual: boolean;
  sources: ProvenanceLink[];
  /** Ids of entries that look like the same thing but differ in a way that matters. */
  possibleDuplicates: number[];
  /** The person's own statements about this entry that stand (not withdrawn), oldest first; absent when none. */
  personal?: PersonalStatement[];
}

/**
 * Days some systems write when they have no date (0001-01-01, 1900-01-01): an unknown date,
 * never a date in year 1 or 1900. Every importer drops them.
 */
export function isPlaceholderDate(date: PartialDate | undefined): boolean {
  return date !== undefined && /^(0001|1900)-01-01(?!\d)/.test(date);
}
