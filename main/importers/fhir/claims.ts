// ExplanationOfBenefit / Claim → 'claim' records and Coverage → 'coverage' records, for CMS
// Blue Button 2.0 (STU3 "v1" and R4/CARIN "v2") and for EOBs in ordinary FHIR R4 bundles.
//
// Part D drug events (PDE) stay claims rather than medications: each monthly refill is its own
// payment event, so mapping them to medications would list one "medication" per fill; the claim
// keeps the NDC code and drug name, which is what the user needs to see what was paid for.
import type { Code, RecordDraft } from '../../records/model.ts';
import { allCodes, codeIn, conceptCodes, conceptText } from './codes.ts';
import type { FhirContext } from './context.ts';
import { fhirDate, periodOf, referenceName } from './context.ts';
import type { JsonObject } from './json.ts';
import { arr, num, obj, str } from './json.ts';
import type { Mapped } from './mapped.ts';
import { dropEmpty, enteredInError, normalizeStatus, ok, skip, whereOf } from './mapped.ts';

const EOB_TYPE = 'https://bluebutton.cms.gov/resources/codesystem/eob-type';
const CLAIM_ID_SYSTEMS = [
  'https://bluebutton.cms.gov/resources/variables/clm_id',
  'https://bluebutton.cms.gov/resources/variables/pde_id',
];

const MEDICARE_TITLES: Record<string, string> = {
  CARRIER: 'Medicare Part B claim',
  DME: 'Medicare medical equipment claim',
  PDE: 'Medicare Part D prescription claim',
  INPATIENT: 'Medicare inpatient claim',
  OUTPATIENT: 'Medicare outpatient claim',
  SNF: 'Medicare skilled nursing facility claim',
  HHA: 'Medicare home health claim',
  HOSPICE: 'Medicare hospice claim',
};

const BILLED = new Set(['submitted', 'drugcost', 'https://bluebutton.cms.gov/resources/variables/clm_tot_chrg_amt']);
const PAID = new Set(['benefit', 'paidtoprovider', 'paidbypayer', 'payment', 'https://bluebutton.cms.gov/resources/variables/clm_pmt_amt']);

function claimTitle(resource: JsonObject): string {
  const medicareType = codeIn(resource['type'], EOB_TYPE);
  if (medicareType && MEDICARE_TITLES[medicareType]) return MEDICARE_TITLES[medicareType];
  // CARIN's subtype says more than the type ("Inpatient" within "Institutional").
  const subType = conceptText(resource['subType']);
  if (subType) return `${subType.charAt(0).toUpperCase()}${subType.slice(1)} claim`;
  const typeCoding = obj(arr(obj(resource['type'])?.['coding'])[0]);
  const typeText = str(obj(resource['type'])?.['text']) ?? str(typeCoding?.['display']) ?? str(typeCoding?.['code']);
  if (!typeText) return 'Claim';
  const readable = typeText.charAt(0).toUpperCase() + typeText.slice(1);
  return /claim/i.test(readable) ? readable : `${readable} claim`;
}

function claimId(resource: JsonObject): string | undefined {
  const identifiers = arr(resource['identifier']).map(obj).filter((i): i is JsonObject => !!i);
  for (const system of CLAIM_ID_SYSTEMS) {
    const match = identifiers.find((i) => str(i['system']) === system);
    const value = str(match?.['value']);
    if (value) return value;
  }
  return str(identifiers[0]?.['value']) ?? str(resource['id']);
}

function amounts(resource: JsonObject): { billed?: number; paid?: number } {
  const out: { billed?: number; paid?: number } = {};
  for (const total of arr(resource['total'])) {
    const t = obj(total);
    if (!t) continue;
    const value = num(obj(t['amount'])?.['value']);
    if (value === undefined) continue;
    const codes = allCodes(t['category']);
    if (out.billed === undefined && codes.some((c) => BILLED.has(c))) out.billed = value;
    if (out.paid === undefined && codes.some((c) => PAID.has(c))) out.paid = value;
  }
  const totalCost = num(obj(resource['totalCost'])?.['value']) ?? num(obj(resource['total'])?.['value']);
  if (out.billed === undefined && totalCost !== undefined) out.billed = totalCost;
  const payment = num(obj(obj(resource['payment'])?.['amount'])?.['value']);
  if (out.paid === undefined && payment !== undefined) out.paid = payment;
  // Blue Button puts a Part D event's cost and a v1 carrier claim's charges only on its lines.
  if (out.billed === undefined) out.billed = lineSum(resource, LINE_BILLED);
  if (out.paid === undefined) out.paid = lineSum(resource, LINE_PAID);
  return out;
}

const BB_VARIABLES = 'https://bluebutton.cms.gov/resources/variables/';
const LINE_BILLED = new Set(['line_sbmtd_chrg_amt', 'tot_rx_cst_amt'].map((v) => BB_VARIABLES + v));
const LINE_PAID = new Set(['line_nch_pmt_amt', 'cvrd_d_plan_pd_amt'].map((v) => BB_VARIABLES + v));
// Only Part D's patient pay amount: line_bene_pmt_amt is paid *to* the beneficiary.
const LINE_PATIENT_PAID = new Set(['ptnt_pay_amt'].map((v) => BB_VARIABLES + v));

/** The sum of one kind of line adjudication amount, or undefined when no line has it. */
function lineSum(resource: JsonObject, kinds: Set<string>): number | undefined {
  let sum: number | undefined;
  for (const item of arr(resource['item'])) {
    for (const adjudication of arr(obj(item)?.['adjudication'])) {
      const a = obj(adjudication);
      const value = num(obj(a?.['amount'])?.['value']);
      if (value === undefined || !allCodes(a?.['category']).some((c) => kinds.has(c))) continue;
      sum = Math.round(((sum ?? 0) + value) * 100) / 100;
    }
  }
  return sum;
}

const PROVIDER_FIELDS = ['provider', 'organization', 'facility'];

/** Who was paid: a name wherever the claim gives one (a Part D pharmacy is its facility), else a number. */
function providerName(resource: JsonObject, ctx: FhirContext): string | undefined {
  for (const field of PROVIDER_FIELDS) {
    const name = referenceName(ctx, resource[field], resource);
    if (name) return name;
  }
  for (const field of PROVIDER_FIELDS) {
    const identifier = obj(obj(resource[field])?.['identifier']);
    const value = str(identifier?.['value']);
    if (value) return /npi/i.test(JSON.stringify(identifier)) ? `NPI ${value}` : value;
    // A contained organization known only by its numbers: its NPI names it.
    const target = ctx.resolve(resource[field], resource);
    const npi = arr(target?.['identifier']).map(obj).find((i) => /npi/i.test(JSON.stringify(i)));
    const npiValue = str(npi?.['value']);
    if (npiValue) return `NPI ${npiValue}`;
  }
  return undefined;
}

/** The care team by name, with each one's role ("DR. ROBERT BISBEE MD (Prescribing provider)"). */
function careTeam(resource: JsonObject, ctx: FhirContext): { prescriber?: string; performers: string[] } {
  const performers: string[] = [];
  let prescriber: string | undefined;
  for (const member of arr(resource['careTeam'])) {
    const m = obj(member);
    const name = referenceName(ctx, m?.['provider'], resource);
    if (!m || !name) continue;
    const role = conceptText(m['role']);
    if (!prescriber && allCodes(m['role']).includes('prescribing')) prescriber = name;
    const shown = role ? `${name} (${role})` : name;
    if (!performers.includes(shown)) performers.push(shown);
  }
  return prescriber ? { prescriber, performers } : { performers };
}

function diagnoses(resource: JsonObject, ctx: FhirContext): Code[] {
  const out: Code[] = [];
  for (const d of arr(resource['diagnosis'])) {
    const entry = obj(d);
    if (!entry) continue;
    const concept = entry['diagnosisCodeableConcept'] ?? ctx.resolve(entry['diagnosisReference'], resource)?.['code'];
    for (const code of conceptCodes(concept)) {
      if (!out.some((c) => c.system === code.system && c.code === code.code)) out.push(code);
    }
  }
  return out;
}

const DATA_ABSENT = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

function serviceCodes(resource: JsonObject): Code[] {
  const out: Code[] = [];
  for (const item of arr(resource['item'])) {
    const i = obj(item);
    if (!i) continue;
    // Institutional claims list revenue centers ("Pharmacy-general classification") instead.
    for (const code of conceptCodes(i['productOrService'] ?? i['service'] ?? i['revenue'])) {
      // "not-applicable" says there is no service code: it is not one.
      if (code.system === DATA_ABSENT) continue;
      if (!out.some((c) => c.system === code.system && c.code === code.code)) out.push(code);
    }
    for (const ext of arr(obj(i['productOrService'] ?? i['service'])?.['extension'])) {
      const coding = obj(obj(ext)?.['valueCoding']);
      const code = str(coding?.['code']);
      if (coding && code && str(coding['system']) === 'http://hl7.org/fhir/sid/ndc' && !out.some((c) => c.code === code)) {
        const display = str(coding['display']);
        out.push(display ? { system: 'NDC', code, display } : { system: 'NDC', code });
      }
    }
  }
  return out;
}

/**
 * The procedures an institutional claim lists (EOB.procedure: "BQ0HZZZ PLAIN RADIOGRAPHY OF
 * LEFT ANKLE" on 16 January), as written with their dates, and their codes. Blue Button labels
 * ICD-10-PCS and ICD-9 procedure codes with the diagnosis code systems' URIs: such a code is
 * kept in the words only, never filed as a diagnosis code.
 */
function procedures(resource: JsonObject): { said: string[]; codes: Code[] } {
  const said: string[] = [];
  const codes: Code[] = [];
  for (const p of arr(resource['procedure'])) {
    const procedure = obj(p);
    const concept = procedure?.['procedureCodeableConcept'];
    const first = obj(arr(obj(concept)?.['coding'])[0]);
    const words = [str(first?.['code']), str(obj(concept)?.['text']) ?? str(first?.['display'])].filter(Boolean).join(' ');
    if (!words) continue;
    const date = fhirDate(procedure?.['date']);
    said.push(date ? `${words} (${date.slice(0, 10)})` : words);
    for (const code of conceptCodes(concept)) {
      if (code.system === 'ICD10CM' || code.system === 'ICD9CM') continue;
      if (!codes.some((c) => c.system === code.system && c.code === code.code)) codes.push(code);
    }
  }
  return { said, codes };
}

function serviceDates(resource: JsonObject): string[] {
  return arr(resource['item'])
    .map((i) => fhirDate(obj(i)?.['servicedDate']) ?? periodOf(obj(i)?.['servicedPeriod']).start)
    .filter((d): d is string => !!d)
    .sort();
}

export function mapClaim(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('claims', 'This claim was marked as entered in error.', where);
  let title = claimTitle(resource);
  // A prior authorization or an estimate asks before care; it is not a claim for care given.
  const use = str(resource['use']);
  if (use === 'preauthorization' || use === 'predetermination') {
    title = `${title.replace(/ claim$/i, '')} ${use === 'preauthorization' ? 'prior authorization' : 'cost estimate'}`;
  }
  const done = procedures(resource);
  const codes = serviceCodes(resource);
  for (const code of done.codes) if (!codes.some((c) => c.system === code.system && c.code === code.code)) codes.push(code);
  const drug = codes.find((c) => c.system === 'NDC' && c.display);
  if (codeIn(resource['type'], EOB_TYPE) === 'PDE' && drug?.display) title = `${title}: ${drug.display}`;
  const money = amounts(resource);
  const team = careTeam(resource, ctx);
  const patientPaid = lineSum(resource, LINE_PATIENT_PAID);
  const record: RecordDraft = {
    kind: 'claim',
    title,
    codes,
    details: dropEmpty({
      claimId: claimId(resource),
      provider: providerName(resource, ctx),
      payer: referenceName(ctx, resource['insurer'], resource) ?? str(obj(obj(resource['insurer'])?.['identifier'])?.['value']),
      amountBilled: money.billed,
      amountPaid: money.paid,
      diagnoses: diagnoses(resource, ctx),
      prescriber: team.prescriber,
      performers: team.performers,
      comment: [patientPaid ? `You paid $${patientPaid.toFixed(2)}` : undefined, done.said.length ? `Procedures: ${done.said.join('; ')}` : undefined].filter(Boolean).join('. ') || undefined,
    }),
    sourceLocation: where,
  };
  const status = normalizeStatus(resource['status']);
  if (status) record.status = status;
  const billable = periodOf(resource['billablePeriod']);
  const items = serviceDates(resource);
  const start = billable.start ?? items[0] ?? fhirDate(resource['created']);
  const end = billable.end ?? (items.length > 1 ? items[items.length - 1] : undefined);
  if (start) record.start = start;
  if (end) record.end = end;
  return ok(record);
}

export function mapCoverage(resource: JsonObject, ctx: FhirContext): Mapped {
  const where = whereOf(resource);
  if (enteredInError(resource)) return skip('coverage', 'This coverage was marked as entered in error.', where);
  const classes = arr(resource['class']).map(obj).filter((c): c is JsonObject => !!c);
  const classOf = (...codes: string[]) => classes.find((k) => allCodes(k['type']).some((code) => codes.includes(code)));
  const classValue = (...codes: string[]) => {
    const c = classOf(...codes);
    return c ? (str(c['value']) ?? str(c['name'])) : undefined;
  };
  const payer =
    arr(resource['payor']).map((p) => referenceName(ctx, p, resource) ?? str(obj(obj(p)?.['identifier'])?.['value'])).find(Boolean) ??
    undefined;
  const group = classValue('group', 'subgroup');
  const plan = classValue('plan', 'subplan');
  // STU3 Coverage carries plan and group in `grouping`.
  const grouping = obj(resource['grouping']);
  const stu3Plan = str(grouping?.['subPlan']) ?? str(grouping?.['plan']);
  const stu3Group = str(grouping?.['subGroup']) ?? str(grouping?.['group']);
  const planName = plan ?? stu3Plan;
  const groupName = group ?? stu3Group;
  // A plan's name reads better than its code ("GR5-HMO DEDUCTIBLE", not "GR5").
  const planTitle = str(classOf('plan', 'subplan')?.['name']) ?? planName;
  const title =
    [groupName === 'Medicare' && !/^medicare\b/i.test(planTitle ?? '') ? 'Medicare' : undefined, planTitle].filter(Boolean).join(' ') ||
    payer ||
    conceptText(resource['type']) ||
    'Health coverage';
  const record: RecordDraft = {
    kind: 'coverage',
    title,
    codes: conceptCodes(resource['type']),
    details: dropEmpty({
      payer,
      memberId:
        str(resource['subscriberId']) ??
        str(obj(arr(resource['identifier'])[0])?.['value']),
      groupId: groupName,
      comment: conceptText(resource['relationship']) ? `Relationship to subscriber: ${conceptText(resource['relationship'])}` : undefined,
    }),
    sourceLocation: where,
  };
  const status = normalizeStatus(resource['status']);
  if (status) record.status = status;
  const { start, end } = periodOf(resource['period']);
  if (start) record.start = start;
  if (end) record.end = end;
  return ok(record);
}
