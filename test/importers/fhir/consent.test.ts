// FHIR Consent → advance directive entries (main/importers/fhir/consent.ts): R4 and R5 shapes,
// the provision's permit/deny and codes, who gave it, the organisation, the signed document's
// title; privacy consents stay unread and are named in the report.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';
import { provisionWords } from '../../../main/records/readable/directive.ts';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/fhir/advance-directives-bundle.json');
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const germanIps = path.join(corpus, 'ips/IPSviewer/DE_no_info_with_Advance_Directive.json');
const fullIps = path.join(corpus, 'ips/IPSviewer/full_ips.json');

const read = (file: string) => parseFhir(JSON.parse(fs.readFileSync(file, 'utf8'))).documents[0]!;

describe('advance directives from FHIR Consent', () => {
  const doc = read(fixture);
  const byWhere = (id: string) => doc.records.find((r) => r.sourceLocation === `Consent/${id}`);

  it('an R4 directive keeps status, scope, category, provision type and codes, dates, who gave it, the organisation and the document title', () => {
    expect(byWhere('r4-cpr')).toEqual({
      kind: 'directive',
      title: 'Advance directive: resuscitation',
      codes: [{ system: 'LOINC', code: '75320-2', display: 'Advance directive' }],
      status: 'active',
      start: '2024-03-15',
      end: '2029-03-15',
      details: {
        directiveScope: 'Advance Directive',
        provision: 'deny',
        provisionCodes: [{ system: 'SNOMED', code: '89666000', display: 'Cardiopulmonary resuscitation' }],
        provisionText: 'Cardiopulmonary resuscitation',
        performers: ['Rosa Example', 'Ruth Example'],
        organization: 'Riverside Hospital',
        sourceTitle: 'Living will signed 15 March 2024',
        // A nested provision is kept in the source's words, never dropped.
        comment: 'Further provisions: permit: Comfort care and pain relief',
      },
      sourceLocation: 'Consent/r4-cpr',
    });
  });

  it('an R5 directive: decision, grantor, manager, date and a list of attachments', () => {
    const r5 = byWhere('r5-ventilation');
    expect(r5?.status).toBe('inactive');
    expect(r5?.start).toBe('2019-06-01');
    expect(r5?.details).toEqual({
      provision: 'deny',
      provisionText: 'Mechanical ventilation',
      performers: ['Rosa Example'],
      organization: 'Hillside Clinic',
      sourceTitle: 'Advance care plan 2019',
    });
  });

  it('a rejected directive reads as refused; entered in error is skipped with a reason', () => {
    const rejected = byWhere('rejected-polst');
    expect(rejected?.title).toBe('POLST form');
    // Rejected: not in force, so said as refused (no list shows it as if it stood).
    expect(rejected?.status).toBe('refused');
    expect(rejected?.details.comment).toBeUndefined();
    expect(byWhere('withdrawn')).toBeUndefined();
    expect(doc.problems).toContainEqual({ kind: 'directives', reason: 'This advance directive was marked as entered in error.', where: 'Consent/withdrawn' });
  });

  it('a privacy consent is not a directive: still named as not read, with its words', () => {
    expect(byWhere('privacy')).toBeUndefined();
    expect(doc.problems).toContainEqual({
      reason: '1 Consent entry was not imported because Chartkeeper does not read that kind of entry yet: “Patient Consent”.',
      notice: { kind: 'not-read', resourceType: 'Consent', count: 1, words: ['Patient Consent'] },
    });
  });

  it('the provision reads in the reader’s language, its words as the source wrote them', () => {
    const details = byWhere('r4-cpr')!.details;
    expect(provisionWords(details, 'en')).toBe('Refuses: Cardiopulmonary resuscitation');
    expect(provisionWords(details, 'es')).toBe('Rechaza: Cardiopulmonary resuscitation');
    expect(provisionWords({ provision: 'permit', provisionText: 'Dialysis' }, 'es')).toBe('Acepta: Dialysis');
    // No permit/deny in the source: its words alone (the code already says which).
    expect(provisionWords({ provisionCodes: [{ system: 'SNOMED', code: '304253006', display: 'Not for resuscitation' }] }, 'es')).toBe('Not for resuscitation');
    expect(provisionWords({}, 'en')).toBeUndefined();
  });

  it.skipIf(!fs.existsSync(germanIps))('the German IPS example’s Do Not Resuscitate order is an advance directive, no longer a note', () => {
    const german = read(germanIps);
    expect(german.records.filter((r) => r.kind === 'directive')).toEqual([
      {
        kind: 'directive',
        title: 'Do Not Resuscitate',
        codes: [{ system: 'http://terminology.hl7.org/CodeSystem/consentcategorycodes', code: 'dnr', display: 'Do Not Resuscitate' }],
        status: 'active',
        start: '2021-09-01',
        details: {
          directiveScope: 'Treatment',
          provisionCodes: [{ system: 'SNOMED', code: '304253006', display: 'Not for resuscitation' }],
          provisionText: 'Not for resuscitation',
          comment: 'Policy: https://www.aerzteblatt.de/archiv/65440/DNR-Anordnungen-Das-fehlende-Bindeglied',
        },
        sourceLocation: 'Consent/41765fc6-1f8f-4e5f-8370-d0d544b41ab2',
      },
    ]);
    expect(german.problems.filter((p) => p.notice?.kind === 'not-read')).toEqual([]);
  });

  it.skipIf(!fs.existsSync(fullIps))('the full IPS example’s DNR is read too, its policy rule kept', () => {
    const directives = read(fullIps).records.filter((r) => r.kind === 'directive');
    expect(directives.map((d) => [d.title, d.details.provisionText, d.details.comment])).toEqual([['Do Not Resuscitate', 'Not for resuscitation', 'Policy: cric']]);
  });
});
