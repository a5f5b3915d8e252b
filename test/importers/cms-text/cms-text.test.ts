import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../main/importers/errors.ts';
import { dottedIcd, looksLikeCmsText, parseCmsText } from '../../../main/importers/cms-text/index.ts';
import { decodeText } from '../../../main/importers/text/decode.ts';

const text = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/cms-text/medicare.txt'), 'utf8');

describe('MyMedicare.gov Blue Button text', () => {
  const doc = parseCmsText(text);
  const claims = doc.records.filter((r) => r.kind === 'claim');

  it('reads the patient and the header', () => {
    expect(looksLikeCmsText(text)).toBe(true);
    expect(doc.patient).toMatchObject({ name: 'MARY FIXTURE', family: 'FIXTURE', birthDate: '1944-07-04' });
    expect(doc.document).toMatchObject({ authorOrganization: 'Medicare (CMS)', date: '2015-02-04T09:18', variant: 'MyMedicare.gov Blue Button v2.0' });
  });

  it('reads a Part B claim with amounts, ICD-9 diagnoses and CPT/HCPCS line codes', () => {
    const partB = claims[0]!;
    expect(partB).toMatchObject({ title: 'Medicare Part B claim', start: '2014-11-03', end: '2014-11-04' });
    expect(partB.details).toMatchObject({ claimId: '9000000000001', provider: 'SOMEWHERE EYE ASSOCIATES', amountBilled: 1210, amountPaid: 322 });
    expect(partB.details.diagnoses).toEqual([
      { system: 'ICD9CM', code: '365.11' },
      { system: 'ICD9CM', code: 'V58.61' },
    ]);
    expect(partB.codes.map((c) => `${c.system}|${c.code}`)).toEqual(['CPT|92083', 'HCPCS|J3490']);
  });

  it('finds a claim whose summary follows an empty header, with ICD-10 after October 2015', () => {
    const outpatient = claims[1]!;
    expect(outpatient).toMatchObject({ title: 'Medicare outpatient claim', start: '2015-12-15' });
    expect(outpatient.details.provider).toBeUndefined();
    expect(outpatient.details.amountBilled).toBeUndefined();
    expect(outpatient.details.diagnoses).toEqual([{ system: 'ICD10CM', code: 'H40.10X0' }]);
    expect(outpatient.codes).toEqual([{ system: 'CPT', code: '99283', display: 'Emergency Department Visit' }]);
  });

  it('keeps Part D fills as claims with the NDC code', () => {
    const partD = claims[2]!;
    expect(partD.title).toBe('Medicare Part D prescription claim: LATANOPROST');
    expect(partD.codes).toEqual([{ system: 'NDC', code: '00000123456', display: 'LATANOPROST' }]);
    expect(partD.details.provider).toBe('CORNER PHARMACY #12');
    expect(partD.start).toBe('2015-01-20');
  });

  it('reads self-reported conditions and plans as coverage', () => {
    expect(doc.records.find((r) => r.kind === 'problem')).toMatchObject({ title: 'Glaucoma', start: '2010-03-01', status: 'active' });
    expect(doc.records.find((r) => r.kind === 'coverage')).toMatchObject({ title: 'Example Rx Plan (PDP)', start: '2014-01-01', details: { groupId: 'S1234/001' } });
  });

  it('dots ICD codes the way they are compared', () => {
    expect(dottedIcd('56400', 'ICD9CM')).toBe('564.00');
    expect(dottedIcd('E8889', 'ICD9CM')).toBe('E888.9');
    expect(dottedIcd('401', 'ICD9CM')).toBe('401');
  });

  it('refuses a file without demographics', () => {
    const broken = text.replace(/Demographic/, 'Something Else');
    expect(() => parseCmsText(broken)).toThrow(ImportError);
    expect(() => parseCmsText(broken)).toThrow(/no demographic section/);
  });
});

describe('Medicare text claims keep who did the work (issue 13)', () => {
  const corpusFile = path.resolve(import.meta.dirname, '../../../../shared/corpus/cms-text/amida-blue-button-cms/sample.txt');
  it.skipIf(!fs.existsSync(corpusFile))('names the prescriber, the rendering provider and the place of service when the summary names no provider', () => {
    const claims = parseCmsText(decodeText(fs.readFileSync(corpusFile))).records.filter((r) => r.kind === 'claim');
    const chiropractic = claims.find((c) => c.details.claimId === '1234567890000')!;
    expect(chiropractic.details).toMatchObject({ performers: ['NPI 123456789 (Rendering provider)'], location: '11 - Office', amountBilled: 60, amountPaid: 27.2 });
    expect(chiropractic.details.provider).toBeUndefined();
    const carvedilol = claims.find((c) => c.details.claimId === '123456789012')!;
    expect(carvedilol.details).toMatchObject({ provider: 'PHARMACY2 #00000', prescriber: 'Jane Doe', performers: ['Jane Doe (Prescribing provider)'] });
  });
});

describe('Medicare text family medical history (issue 13)', () => {
  it('makes each relative’s condition and allergy an entry with the relation', () => {
    const family = parseCmsText(`MYMEDICARE.GOV PERSONAL HEALTH INFORMATION

--------------------------------
Demographics

--------------------------------
Name: JANE DOE

--------------------------------
Family Medical History

--------------------------------

Source: Self-Entered

Family Member: Brother

Type: 

DOB:1/10/1915

Type: Allergy

Description: Antibiotic

Type: Condition

Description: Angina (Heart Pain)

--------------------------------
Drugs

--------------------------------

Drug Name: Aspirin

Last Treatment Date: 09/28/1949

Termination Date: 11/30/2008
`).records;
    expect(family.filter((r) => r.kind === 'family').map((r) => [r.title, r.details.relation, r.details.comment])).toEqual([
      ['Antibiotic', 'Brother', 'Self-reported for Brother. Type: Allergy'],
      ['Angina (Heart Pain)', 'Brother', 'Self-reported for Brother. Type: Condition'],
    ]);
    const aspirin = family.find((r) => r.title === 'Aspirin')!;
    expect(aspirin).toMatchObject({ status: 'stopped', end: '2008-11-30' });
    expect(aspirin.details.comment).toBe('Self-reported. Last treatment 1949-09-28');
  });
});
