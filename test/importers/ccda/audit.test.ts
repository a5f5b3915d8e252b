// The C-CDA audit: corpus documents compared field by field with their XML. Each pattern that
// read wrongly has a fixture written for it (audit-cda.xml); the corpus tests name the files
// where the audit found it and skip when the corpus is absent.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTitle, cdaCorpusFiles, fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

describe('C-CDA audit fixture', () => {
  const docs = load(path.join(fixtures, 'audit-cda.xml'));

  it('skips rows that say their kind of data is absent, naming them in the report', () => {
    const titles = records(docs).map((r) => r.title);
    for (const absent of ['No problem data is applicable', 'No medications information available', 'No immunizations administered during visit', 'Unknown']) {
      expect(titles).not.toContain(absent);
    }
    expect(reasons(docs)).toEqual(
      expect.arrayContaining([
        '"No problem data is applicable" stands in for absent data; it is not a problem. Nothing to add.',
        '"No medications information available" stands in for absent data; it is not a medication. Nothing to add.',
        '"No immunizations administered during visit" stands in for absent data; it is not an immunization. Nothing to add.',
        '"Unknown" stands in for absent data; it is not a result. Nothing to add.',
      ]),
    );
    // "None given at this visit" is not "none known", nor is a table whose one row says "No
    // data"; a table whose row says "No Known Procedures" is stated on the document.
    expect(docs[0]?.document.statements).toEqual([{ kind: 'procedures', text: 'No Known Procedures' }]);
    expect(reasons(docs)).toContain('This procedure has no name or code.');
  });

  it('skips an entry whose code is only the question when its words say there is no data', () => {
    expect(byTitle(docs, 'Laboratory Studies')).toBeUndefined();
    expect(byTitle(docs, 'Finding of functional performance and activity')).toBeUndefined();
    expect(byTitle(docs, 'encounter report')).toBeUndefined();
    expect(reasons(docs)).toEqual(
      expect.arrayContaining([
        '"No Information About Results" stands in for absent data; it is not a result. Nothing to add.',
        '"No functional assessment data is applicable" stands in for absent data; it is not a functional status item. Nothing to add.',
        '"No encounter diagnosis data is applicable" stands in for absent data; it is not an encounter. Nothing to add.',
      ]),
    );
  });

  it('keeps a real entry whose words mention missing data about something else', () => {
    // A code written as "UNK" is no code, but the value beside it is still a result.
    expect(byTitle(docs, 'GLUCOSE')).toMatchObject({ codes: [], value: { text: '155 MG/DL' }, start: '2024-04-15T09:00' });
    expect(byTitle(docs, 'Glucose')).toMatchObject({ value: { number: 91, unit: 'mg/dL' }, narrative: 'No data on fasting status' });
    expect(byTitle(docs, 'Amlodipine 5 MG Oral Tablet')).toMatchObject({ narrative: 'No information about dose', details: { dose: '1' } });
  });

  it('keeps a Comment Activity as the entry comment, without placeholder comments', () => {
    expect(byTitle(docs, 'Asthma')).toMatchObject({ start: '2011-03', status: 'active', details: { comment: 'Worse in winter, uses spacer.' } });
    expect(byTitle(docs, 'eGFR (MDRD)')?.details.comment).toBe('Abnormal if <60 mL/min/1.73m2');
  });

  it('trims codes written with line breaks inside the attribute', () => {
    const chloride = byTitle(docs, 'Chloride, Whole Blood');
    expect(chloride?.codes).toEqual([{ system: 'LOINC', code: '2069-3', display: 'Chloride, Whole Blood' }]);
    expect(chloride?.details.panelCodes).toEqual([{ system: 'LOINC', code: '51990-0', display: 'Basic Metabolic Panel' }]);
    expect(chloride).toMatchObject({ start: '2024-04-15T08:30:00-05:00', value: { number: 100, unit: 'mmol/L' } });
  });

  it('reads an allergy status sent under the problem status templates', () => {
    expect(byTitle(docs, 'Sulfamethoxazole')).toMatchObject({ status: 'active', start: '2009', details: { allergyType: 'drug allergy' } });
  });

  it('keeps no generic "instruction" as instructions, a route word given as a reference, both ends of a dose range and the supply order\'s prescriber', () => {
    const ibuprofen = byTitle(docs, 'Ibuprofen 200 MG Oral Tablet');
    expect(ibuprofen?.details.instructions).toBeUndefined();
    expect(ibuprofen?.details).toMatchObject({ route: 'Oral', dose: '1-2 {tbl}', prescriber: 'Ken Ito' });
    expect(ibuprofen).toMatchObject({ status: 'active', start: '2024-01-10' });
  });

  it('gives a dose without a unit the unit words the source wrote beside it', () => {
    expect(byTitle(docs, 'Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler')?.details.dose).toBe('2 Puff');
    expect(byTitle(docs, 'Insulin Glargine 100 UNT/ML Injectable Solution')?.details.dose).toBe('30.0 units');
  });

  it('never titles an encounter with its provider, nor a smoking status "Assertion"', () => {
    const encounters = records(docs, 'encounter');
    expect(encounters.map((e) => e.title)).toEqual(['Encounter', 'Encounter']);
    expect(encounters[0]).toMatchObject({ start: '2024-04-15T09:15:00-05:00', details: { performers: ['Dr. Jane Moss'] } });
    // A row whose first cell is empty names nothing; its text stays the entry's narrative.
    expect(encounters[1]).toMatchObject({ start: '2014-05-10T14:31', narrative: 'Dr. Jane Moss Lakeside Clinic 05/10/2014 2:31 PM' });
    expect(records(docs, 'social')).toEqual([expect.objectContaining({ title: 'Never smoker', start: '2019', value: { text: 'Never smoker' } })]);
  });
});

describe.skipIf(!present)('C-CDA audit: corpus files', () => {
  it('Partners HealthCare: "No … data is applicable" rows are not entries; the eGFR comment is kept', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/Partners HealthCare/LMR1TEST.xml');
    expect(records(docs).filter((r) => /data is applicable/i.test(`${r.title} ${r.narrative ?? ''}`))).toEqual([]);
    expect(records(docs, 'encounter')).toEqual([]);
    const egfr = records(docs, 'result').filter((r) => r.codes[0]?.code === '33914-3');
    expect(egfr.length).toBe(4);
    for (const r of egfr) expect(r.details.comment).toBe('(Abnormal if <60 mL/min/1.73m2 If patient is black, multiply by 1.21)');
    expect(records(docs, 'result')).toHaveLength(43);
  });

  it('eMERGE: an immunization table whose one row says "No data" states no "no known immunizations"', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/EMERGE/Patient-124.xml');
    expect(docs[0]?.document.statements ?? []).toEqual([]);
    expect(reasons(docs)).toContain('The immunization list holds no information, only an empty entry; nothing to add.');
  });

  it('VA C32: results coded "UNK" with a value are kept, their text notwithstanding', () => {
    const docs = fromCorpus('c32/amida-blue-button/c32_sample.xml');
    const glucose = records(docs, 'result').filter((r) => r.title === 'GLUCOSE');
    expect(glucose.map((r) => r.value?.text)).toEqual(['155 MG/DL', '152 MG/DL']);
    expect(glucose.every((r) => r.codes.length === 0)).toBe(true);
  });

  it('Kareo and NextGen: placeholder results and medicines are skipped', () => {
    const kareo = fromCorpus('ccda/chb-sample-ccdas/Kareo Samples/Kareo_SummaryOfCare_export_Joey_Miller.xml');
    expect(records(kareo).map((r) => r.title)).not.toEqual(expect.arrayContaining(['Laboratory Studies']));
    expect(records(kareo, 'medication').map((r) => r.title)).toEqual(['acetaminophen-aspirin buffered 250 mg-250 mg oral tablet', 'Lipitor 10 mg oral tablet']);
    const nextgen = fromCorpus('ccda/chb-sample-ccdas/NextGen Samples/CCDA_Sample_NextGen_JonesIsabella.txt');
    expect(records(nextgen, 'result')).toEqual([]);
  });

  it('PracticeFusion: no "instruction" instructions and no "none given at this visit" vaccine', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/PracticeFusion Samples/MaryGrant-ClinicalSummary.xml');
    expect(records(docs, 'medication').map((r) => r.details.instructions)).toEqual([undefined, undefined, undefined]);
    expect(records(docs, 'immunization')).toEqual([]);
  });

  it('SuccessEHS: the encounter is not titled with the provider', () => {
    const docs = fromCorpus('ccda/onc-ccda-cert-raw/Drummond Group - SuccessEHS/b2 CIRI/Susan Turner_CCD_CIRI_RefSum_CERTDAY.XML');
    expect(records(docs, 'encounter').map((r) => r.title)).toEqual(['Encounter']);
    expect(records(docs, 'encounter')[0]?.details.diagnoses).toHaveLength(5);
    const older = fromCorpus('ccda/jddamore-ccda-samples/SuccessEHS/290.xml');
    expect(records(older, 'encounter').filter((r) => r.title.startsWith('Dr. '))).toEqual([]);
  });

  it('Allscripts Sunrise: codes without line breaks, smoking status titled by its value', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Sunrise Clinical Manager/C-CDA_101822_20130617114349_Williams_John.xml');
    expect(records(docs).flatMap((r) => r.codes).filter((c) => c.code !== c.code.trim())).toEqual([]);
    expect(byTitle(docs, 'CO2, Whole Blood')?.codes[0]).toEqual({ system: 'LOINC', code: '20565-8', display: 'CO2, Whole Blood' });
    expect(records(docs, 'social').map((r) => r.title)).toEqual(['Never smoker']);
  });

  it('Cerner and HL7 Transfer Summary: a dose keeps the unit written beside it', () => {
    const cerner = fromCorpus('ccda/chb-sample-ccdas/Cerner Samples/Transition_of_Care_Referral_Summary.xml');
    expect(byTitle(cerner, 'Insulin Glargine 100 UNT/ML Injectable Solution')?.details.dose).toBe('30.0 units');
    const transfer = fromCorpus('ccda/hl7-ccda-examples/Documents/Transfer Summary/Transfer_Summary.xml');
    expect(byTitle(transfer, 'albuterol 0.09 MG/ACTUAT [Proventil]')?.details).toMatchObject({ dose: '2 Puff', frequency: 'every 6 h' });
  });

  it('Intermountain C32: the prescriber on the supply order is kept', () => {
    const docs = fromCorpus('c32/worldvista-bb-adapter/nwhin/sample/c32/CCD-Utah.xml');
    expect(records(docs, 'medication').map((r) => r.details.prescriber)).toEqual(['Doom Doctor', 'Doom Doctor']);
  });

  it('Greenway: the route written as a reference word is kept', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/Greenway Samples/26775_ClinicalVisitSummary_CCDA.xml');
    expect(records(docs, 'medication').map((r) => r.details.route)).toEqual(['Oral', 'Inhalation']);
  });

  it('Allscripts XDM package: problem comments and allergy statuses are kept', () => {
    const docs = fromCorpus('xdm/nist-iheos-toolkit2/XDM-Samples/Allscripts.zip');
    expect(byTitle(docs, 'SEC MALIGNANT NEOPLASM OF LUNG')?.details.comment).toBe('Patient has lung cancer.');
    expect(records(docs, 'allergy').map((r) => [r.title, r.status])).toEqual([
      ['Lexapro', 'active'],
      ['PENICILLINS', 'active'],
    ]);
  });

  it('no CDA document in the corpus keeps a code with spaces or a null flavor as a code, or a row saying its data is absent', () => {
    const rels = cdaCorpusFiles();
    expect(rels.length).toBeGreaterThan(100);
    const offending = rels.flatMap((rel) =>
      records(fromCorpus(rel))
        .filter(
          (r) =>
            /^no\s+(?:[\w-]+\s+){0,4}(?:data|information)\b/i.test(r.title) ||
            (r.value === undefined && ['result', 'vital', 'functional', 'social'].includes(r.kind) && /^no\s+(?:[\w-]+\s+){0,4}(?:data|information)\b/i.test(r.narrative ?? '')) ||
            r.codes.some((c) => c.code !== c.code.trim() || (['LOINC', 'SNOMED', 'RXNORM', 'CVX'].includes(c.system) && /^(UNK|NI|NA|ASKU|NAV|NASK)$/.test(c.code))) ||
            r.title === 'Assertion',
        )
        .map((r) => `${rel}: ${r.kind} ${r.title}`),
    );
    expect(offending).toEqual([]);
  });
});
