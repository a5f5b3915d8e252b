// What a C-CDA holds that is not read is said in the import report, never dropped in silence
// (found in the clinician check of 2026-12-07: Allscripts' Instructions, 360 Oncology's Medical
// Equipment and "No Known Health Concerns", Epic's allergy in a text list). Fixture first; the
// corpus files where each was found after (skipped without the corpus).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, fromCorpus, load, present, reasons, records } from './cda-docs.ts';

const docs = load(path.join(fixtures, 'report-unread.xml'));
const problems = docs.flatMap((d) => d.problems);

describe('what a document holds that is not read (fixture)', () => {
  it('names a section it does not read by the document’s title and counts its entries, as a note', () => {
    expect(problems).toContainEqual({
      reason: '2 entries of the "Instructions" section were not imported because Chartkeeper does not read that section yet; its text is kept with the document.',
      where: 'Instructions section',
      notice: { kind: 'section-not-read', section: 'Instructions', count: 2 },
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ notice: { kind: 'section-not-read', section: 'MEDICAL EQUIPMENT', count: 1 } }),
    );
  });

  it('does not name an unread section whose text says there is none and whose one entry says nothing', () => {
    expect(problems.some((p) => p.where === 'Discharge Instructions section')).toBe(false);
    expect(docs[0]!.document.sections.map((s) => s.title)).toContain('Discharge Instructions');
  });

  it('still names empty entries under a text that holds instructions', () => {
    expect(problems.map((p) => p.notice)).toContainEqual({ kind: 'section-not-read', section: 'DISCHARGE INSTRUCTIONS', count: 1 });
  });

  it('makes no entry from an unread section, and names no section that has only text', () => {
    expect(records(docs).map((r) => r.title)).toEqual([]);
    expect(reasons(docs).some((r) => r.includes('Reason for Visit'))).toBe(false);
    // The unread sections' words stay with the document.
    expect(docs[0]!.document.sections.map((s) => s.title)).toContain('Instructions');
  });

  it('counts an allergy given only as a list item, not its "No known" item', () => {
    expect(problems).toContainEqual({
      kind: 'allergies',
      reason: '1 item in the "Allergies" section is only in the document\'s text, not coded: see the document.',
      where: 'Allergies section',
      textOnly: 1,
    });
  });

  it('takes a negated Health Concern Act under "No Known Health Concerns" as the document’s none-known statement, not an unrecognised problem', () => {
    expect(reasons(docs)).toContain(
      'The document states no known problems ("No Known Health Concerns on 07/22/2015"); that is kept with the document, not as an entry.',
    );
    expect(reasons(docs).some((r) => r.includes('recognizes'))).toBe(false);
    expect(docs[0]!.document.statements).toEqual([{ kind: 'problems', date: '2015-07-22', text: 'No Known Health Concerns on 07/22/2015' }]);
  });
});

describe.skipIf(!present)('the corpus files where these were found', () => {
  it('Allscripts’ Instructions section: 5 entries named', () => {
    const isabella = fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Professional EHR/Encounter Based C-CDA CCD - 08-06-2012 [Jones, Isabella - 170314E2].xml');
    expect(isabella.flatMap((d) => d.problems.map((p) => p.notice))).toContainEqual({ kind: 'section-not-read', section: 'Instructions', count: 5 });
  });

  it('360 Oncology: Medical Equipment named; "No Known Health Concerns" a none-known statement', () => {
    const bates = fromCorpus('ccda/jddamore-ccda-samples/360 Oncology/Jeremy_Bates_health_summary.xml');
    expect(bates.flatMap((d) => d.problems.map((p) => p.notice))).toContainEqual({ kind: 'section-not-read', section: 'MEDICAL EQUIPMENT', count: 1 });
    expect(reasons(bates)).toContain('The document states no known problems ("No Known Health Concerns on 07/22/2015"); that is kept with the document, not as an entry.');
  });

  it('MDLogic: the Instructions section’s "NI" entry is not named; Medical Equipment, with a device identifier, is', () => {
    const jeremy = fromCorpus('ccda/jddamore-ccda-samples/MDLogic/ContinuityOfCareDocument_MUBatJer_20170601-145724.xml');
    const notices = jeremy.flatMap((d) => d.problems.map((p) => p.notice)).filter((n) => n?.kind === 'section-not-read');
    expect(notices).toEqual([{ kind: 'section-not-read', section: 'Medical Equipment Section', count: 1 }]);
  });

  it('Intellichart: four empty acts under four discharge instructions in the text are still named', () => {
    const rebecca = fromCorpus('ccda/jddamore-ccda-samples/Intellichart/Transition Of Care Inpatient for Rebecca Larson.xml');
    expect(rebecca.flatMap((d) => d.problems.map((p) => p.notice))).toContainEqual({ kind: 'section-not-read', section: 'DISCHARGE INSTRUCTIONS', count: 4 });
  });

  it('Epic’s PENICILLINS, only in a text list, is counted', () => {
    const epic = fromCorpus('ccda/bluebutton-js/epic_phr.xml');
    expect(epic.flatMap((d) => d.problems)).toContainEqual(expect.objectContaining({ kind: 'allergies', textOnly: 1 }));
  });
});
