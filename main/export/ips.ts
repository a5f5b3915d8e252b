// A profile as an HL7 FHIR International Patient Summary (IPS IG, FHIR R4): a Bundle of type
// `document` whose first entry is the IPS Composition (LOINC 60591-5). The entry resources are
// the ones the FHIR collection export writes (fhir-bundle.ts), so both exports say the same
// thing about each entry and Chartkeeper's FHIR importer reads either back.
//
// What goes in follows the record's rule for what is current (main/records/current.ts, through
// the visit summary's selectors in main/summary/select.ts): active problems, current
// medications, every allergy a source still lists — including those no source has confirmed
// for over a year, as the visit summary lists them too; immunizations, results, vital signs,
// procedures and plans of care are the whole history the record holds.
//
// A required section with nothing in the record is kept, with emptyReason "unavailable" and a
// narrative that says so (IPS 2.0 allows emptyReason in place of entries). Chartkeeper does not
// use the IPS "no known problems" codes: an empty record is not a statement that the person has
// none, and an entry saying so would come back as a problem on import.
//
// Chartkeeper holds no device entries, so the medical devices section is never written.
import type { StoredEntry } from '../records/model.ts';
import { formatPartialDate } from '../summary/format.ts';
import { activeProblems, currentAllergies, currentMedications } from '../summary/select.ts';
import { isHiddenByPerson } from '../records/readable/personal.ts';
import { shownStatus } from '../records/readable/labels.ts';
import { sayTitle } from '../records/readable/titles.ts';
import { asNeededWords } from '../records/readable/as-needed.ts';
import { provisionWords } from '../records/readable/directive.ts';
import { notSoValue, notSoWords } from '../records/readable/negation.ts';
import { buildFhirBundle, type ExportedProfile } from './fhir-bundle.ts';
import { escapeXml, type FhirResource, type JsonObject, stableUuid } from './fhir-values.ts';

export const IPS_LANGUAGES = ['en', 'es'] as const;
export type IpsLanguage = (typeof IPS_LANGUAGES)[number];

const LOINC = 'http://loinc.org';
const EMPTY_REASON = 'http://terminology.hl7.org/CodeSystem/list-empty-reason';

type SectionId = 'problems' | 'allergies' | 'medications' | 'immunizations' | 'results' | 'vitals' | 'procedures' | 'plan' | 'directives';

interface SectionSpec {
  id: SectionId;
  loinc: string;
  display: string;
  required: boolean;
}

/** In the IG's order; `display` is the LOINC display the IG uses. */
export const IPS_SECTIONS: readonly SectionSpec[] = [
  { id: 'problems', loinc: '11450-4', display: 'Problem list - Reported', required: true },
  { id: 'allergies', loinc: '48765-2', display: 'Allergies and adverse reactions Document', required: true },
  { id: 'medications', loinc: '10160-0', display: 'History of Medication use Narrative', required: true },
  { id: 'immunizations', loinc: '11369-6', display: 'History of Immunization Narrative', required: false },
  { id: 'results', loinc: '30954-2', display: 'Relevant diagnostic tests/laboratory data Narrative', required: false },
  { id: 'vitals', loinc: '8716-3', display: 'Vital signs', required: false },
  { id: 'procedures', loinc: '47519-4', display: 'History of Procedures Document', required: false },
  { id: 'plan', loinc: '18776-5', display: 'Plan of care note', required: false },
  { id: 'directives', loinc: '42348-3', display: 'Advance directives', required: false },
];

interface IpsStrings {
  title: string;
  sections: Record<SectionId, string>;
  empty: Record<'problems' | 'allergies' | 'medications', string>;
  item: string;
  date: string;
  status: string;
  /** Words for the record's normalized statuses; a status not listed is shown as written. */
  statuses: Record<string, string>;
  locale: string;
}

const STRINGS: Record<IpsLanguage, IpsStrings> = {
  en: {
    title: 'International Patient Summary',
    sections: {
      problems: 'Active problems',
      allergies: 'Allergies and intolerances',
      medications: 'Current medications',
      immunizations: 'Immunizations',
      results: 'Results',
      vitals: 'Vital signs',
      procedures: 'Procedures',
      plan: 'Plan of care',
      directives: 'Advance directives',
    },
    empty: {
      problems: 'No information about problems: this record holds no active problem.',
      allergies: 'No information about allergies: this record holds no allergy or intolerance.',
      medications: 'No information about medications: this record holds no current medication.',
    },
    item: 'Entry',
    date: 'Date',
    status: 'Status',
    statuses: { active: 'Active', resolved: 'Resolved', inactive: 'Inactive', completed: 'Completed', stopped: 'Stopped', cancelled: 'Cancelled', refused: 'Refused', 'not-done': 'Not done', planned: 'Planned' },
    locale: 'en-US',
  },
  es: {
    title: 'Resumen Internacional del Paciente',
    sections: {
      problems: 'Problemas activos',
      allergies: 'Alergias e intolerancias',
      medications: 'Medicamentos actuales',
      immunizations: 'Vacunas',
      results: 'Resultados',
      vitals: 'Signos vitales',
      procedures: 'Procedimientos',
      plan: 'Plan de atención',
      directives: 'Voluntades anticipadas',
    },
    empty: {
      problems: 'Sin información sobre problemas: este expediente no contiene ningún problema activo.',
      allergies: 'Sin información sobre alergias: este expediente no contiene ninguna alergia ni intolerancia.',
      medications: 'Sin información sobre medicamentos: este expediente no contiene ningún medicamento actual.',
    },
    item: 'Entrada',
    date: 'Fecha',
    status: 'Estado',
    statuses: { active: 'Activo', resolved: 'Resuelto', inactive: 'Inactivo', completed: 'Completado', stopped: 'Suspendido', cancelled: 'Cancelado', refused: 'Rechazado', 'not-done': 'No realizado', planned: 'Planificado' },
    locale: 'es-ES',
  },
};

export interface IpsBundle extends JsonObject {
  resourceType: 'Bundle';
  type: 'document';
  entry: { fullUrl: string; resource: FhirResource }[];
}

/** The entries of each section, by the record's rules for what is current on `today`. */
export function ipsSectionEntries(entries: readonly StoredEntry[], today: string, language: IpsLanguage): Record<SectionId, StoredEntry[]> {
  // What the person hid or said is wrong is in no section (the current lists leave it out too).
  const list = entries.filter((entry) => !isHiddenByPerson(entry));
  const collator = new Intl.Collator(STRINGS[language].locale);
  const byDate = (a: StoredEntry, b: StoredEntry) => (a.start ?? '').localeCompare(b.start ?? '') || a.id - b.id;
  const ofKind = (kind: StoredEntry['kind']) => list.filter((e) => e.kind === kind).sort(byDate);
  return {
    problems: activeProblems(list, today, collator),
    allergies: currentAllergies(list, today, collator),
    medications: currentMedications(list, today, collator),
    immunizations: ofKind('immunization'),
    results: ofKind('result'),
    vitals: ofKind('vital'),
    procedures: ofKind('procedure').filter((e) => e.status !== 'cancelled'),
    plan: ofKind('plan'),
    directives: ofKind('directive'),
  };
}

function valueText(entry: StoredEntry): string {
  const value = entry.value;
  if (!value) return '';
  return [value.text ?? (value.number !== undefined ? String(value.number) : ''), value.unit ?? ''].join(' ').trim();
}

function narrative(rows: StoredEntry[], s: IpsStrings): JsonObject {
  const cell = (text: string) => `<td>${escapeXml(text)}</td>`;
  const body = rows
    .map((e) => {
      // Titles Chartkeeper wrote itself ("Heart rate") read in the narrative's language; a
      // source's own title and the coded resources stay as the source wrote them.
      const language = s.locale.slice(0, 2) === 'es' ? 'es' : 'en';
      const value = valueText(e);
      // A value the source says is not so reads as such ("not “Positive”"), its status in words.
      const notSo = notSoWords(e, language);
      const what = [
        [sayTitle(e.title, language), value && notSo ? notSoValue(value, language) : value].filter(Boolean).join(': '),
        e.kind === 'medication' || e.kind === 'plan' ? asNeededWords(e.details, language) : undefined,
        e.kind === 'directive' ? provisionWords(e.details, language) : undefined,
      ]
        .filter(Boolean)
        .join('; ');
      const status = shownStatus(e.kind, e.status);
      return `<tr>${cell(what)}${cell(formatPartialDate(e.start, s.locale))}${cell(notSo ?? (status ? (s.statuses[status] ?? status) : ''))}</tr>`;
    })
    .join('');
  const head = `<thead><tr><th>${escapeXml(s.item)}</th><th>${escapeXml(s.date)}</th><th>${escapeXml(s.status)}</th></tr></thead>`;
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><table>${head}<tbody>${body}</tbody></table></div>` };
}

function emptyNarrative(text: string): JsonObject {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>` };
}

const entryUrl = (profileId: string, entryId: number) => `urn:uuid:${stableUuid(profileId, 'entry', String(entryId))}`;

export function buildIpsDocument(
  profile: ExportedProfile,
  entries: readonly StoredEntry[],
  now: string,
  language: IpsLanguage,
): IpsBundle {
  const s = STRINGS[language];
  const chosen = ipsSectionEntries(entries, now.slice(0, 10), language);
  const included = new Map<number, StoredEntry>();
  for (const list of Object.values(chosen)) for (const e of list) included.set(e.id, e);
  // The same Patient, entry resources, panels and provenance as the FHIR export, for the
  // entries the summary holds.
  const collection = buildFhirBundle(profile, [...included.values()], now);
  const patientUrl = collection.entry[0]!.fullUrl;

  const sections: JsonObject[] = [];
  for (const spec of IPS_SECTIONS) {
    const rows = chosen[spec.id];
    if (!rows.length && !spec.required) continue;
    const section: JsonObject = {
      title: s.sections[spec.id],
      code: { coding: [{ system: LOINC, code: spec.loinc, display: spec.display }] },
    };
    if (rows.length) {
      section['text'] = narrative(rows, s);
      section['entry'] = rows.map((e) => ({ reference: entryUrl(profile.id, e.id) }));
    } else {
      section['text'] = emptyNarrative(s.empty[spec.id as keyof IpsStrings['empty']]);
      section['emptyReason'] = {
        coding: [{ system: EMPTY_REASON, code: 'unavailable', display: 'Unavailable' }],
        text: s.empty[spec.id as keyof IpsStrings['empty']],
      };
    }
    sections.push(section);
  }

  const compositionId = stableUuid(profile.id, 'ips-composition', now);
  const composition: FhirResource = {
    resourceType: 'Composition',
    id: compositionId,
    language,
    text: emptyNarrative(`${s.title}: ${profile.name}`),
    status: 'final',
    type: { coding: [{ system: LOINC, code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: patientUrl },
    date: now,
    // The person made this summary of their own record: they are its author.
    author: [{ reference: patientUrl }],
    title: `${s.title}: ${profile.name}`,
    confidentiality: 'N',
    section: sections,
  };

  return {
    resourceType: 'Bundle',
    id: stableUuid(profile.id, 'ips-bundle', now),
    language,
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${stableUuid(profile.id, 'ips-bundle', now)}` },
    type: 'document',
    timestamp: now,
    entry: [
      { fullUrl: `urn:uuid:${compositionId}`, resource: composition },
      ...collection.entry,
    ],
  };
}
