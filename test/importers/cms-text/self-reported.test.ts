// A clinician's check of MyMedicare.gov's self-reported sections found boosters and an
// allergy's last episode, last treatment and "Diagnosed" dropped. A fixture written here
// reproduces the layout; the corpus file where it was found is read when present.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCmsText } from '../../../main/importers/cms-text/index.ts';

const SELF_REPORTED = `MYMEDICARE.GOV PERSONAL HEALTH INFORMATION

--------------------------------
Demographic
--------------------------------
Source: MyMedicare.gov
Name: ANNE FIXTURE
Date of Birth: 01/02/1940

--------------------------------
Self Reported Allergies
--------------------------------
Source: Self-Entered

Allergy Name: Latex
Type: Environmental
Reaction: Hives
Severity: Mild
Diagnosed: No
Treatment: Avoidance
First Episode Date: 05/13/1973
Last Episode Date: 07/20/1996
Last Treatment Date: 09/27/2008
Comments: 

--------------------------------
Self Reported Immunizations
--------------------------------
Source: Self-Entered

Immunization Name: Hepatitis B
Date Administered:04/21/2002
Method: Injection
Were you vaccinated in the US: Yes
Comments: 
Booster 1 Date: 05/21/2002
Booster 2 Date: 10/21/2002
Booster 3 Date: 
`;

describe('MyMedicare.gov self-reported allergies and immunizations (fixture)', () => {
  const doc = parseCmsText(SELF_REPORTED);
  const one = (kind: string) => doc.records.find((r) => r.kind === kind)!;

  it('keeps whether an allergy was diagnosed, its last episode and its last treatment', () => {
    expect(one('allergy')).toMatchObject({ title: 'Latex', start: '1973-05-13' });
    expect(one('allergy').details.comment).toBe('Self-reported. Diagnosed: No. Treatment: Avoidance. Last episode 1996-07-20. Last treatment 2008-09-27');
  });

  it('keeps each booster’s date and where the person was vaccinated', () => {
    expect(one('immunization')).toMatchObject({ title: 'Hepatitis B', start: '2002-04-21' });
    expect(one('immunization').details.comment).toBe('Self-reported. Booster 1: 2002-05-21. Booster 2: 2002-10-21. Vaccinated in the US: Yes');
  });
});

const corpusFile = path.resolve(import.meta.dirname, '../../../../shared/corpus/cms-text/amida-blue-button-cms/sample-extra.txt');

describe.skipIf(!fs.existsSync(corpusFile))('sample-extra.txt', () => {
  it('keeps the varicella booster and the allergies’ last episodes', () => {
    const doc = parseCmsText(fs.readFileSync(corpusFile, 'utf8'));
    const varicella = doc.records.find((r) => r.title === 'Varicella/Chicken Pox')!;
    expect(varicella.details.comment).toBe('Self-reported. congestion. Booster 1: 1990-02-02');
    const antibiotic = doc.records.find((r) => r.kind === 'allergy' && r.title === 'Antibotic')!;
    expect(antibiotic.details.comment).toBe('Self-reported. Diagnosed: Yes. Treatment: Allergy Shots. Last episode 1955-03-13. Last treatment 1949-09-28. Erythromycin');
  });
});
