// Entries of a type Chartkeeper does not read yet are counted and named with their own words,
// never dropped in silence (main/importers/fhir/unread.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFhir } from '../../../main/importers/fhir/index.ts';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/fhir/unread-consent-bundle.json');
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');
const germanIps = path.join(corpus, 'ips/IPSviewer/DE_no_info_with_Advance_Directive.json');

const problemsOf = (file: string) => parseFhir(JSON.parse(fs.readFileSync(file, 'utf8'))).documents.flatMap((d) => d.problems);

describe('unread entry types', () => {
  it('says how many privacy Consents were not imported, by their scope (the category a bare code); the DNR Consent is read as an advance directive; a type with only a code says only its count', () => {
    const problems = problemsOf(fixture);
    expect(problems).toContainEqual({
      reason: '1 Consent entry was not imported because Chartkeeper does not read that kind of entry yet: “Privacy Consent”.',
      notice: { kind: 'not-read', resourceType: 'Consent', count: 1, words: ['Privacy Consent'] },
    });
    const directives = parseFhir(JSON.parse(fs.readFileSync(fixture, 'utf8'))).documents.flatMap((d) => d.records).filter((r) => r.kind === 'directive');
    expect(directives.map((d) => d.title)).toEqual(['Do Not Resuscitate']);
    // The Basic entry names only a code of a system given by URL: no words of its own to quote.
    expect(problems).toContainEqual({
      reason: '1 Basic entry was not imported because Chartkeeper does not read that kind of entry yet.',
      notice: { kind: 'not-read', resourceType: 'Basic', count: 1 },
    });
  });

  it('a Consent with no category or provision words is named by its scope', () => {
    const bundle = JSON.parse(fs.readFileSync(fixture, 'utf8')) as { entry: { resource: { resourceType: string; id: string } }[] };
    bundle.entry = bundle.entry.filter((e) => e.resource.resourceType === 'Patient' || e.resource.id === 'c2');
    const problems = parseFhir(bundle).documents.flatMap((d) => d.problems);
    expect(problems.find((p) => p.notice?.kind === 'not-read')?.notice).toEqual({ kind: 'not-read', resourceType: 'Consent', count: 1, words: ['Privacy Consent'] });
  });

  it.skipIf(!fs.existsSync(germanIps))('the German IPS example’s Do Not Resuscitate order is imported, so nothing is left unread', () => {
    expect(problemsOf(germanIps).filter((p) => p.notice?.kind === 'not-read')).toEqual([]);
  });

  it('says apart a ServiceRequest that is an instruction NOT to do something, so its words never read as ordered', () => {
    const excision = { coding: [{ system: 'http://snomed.info/sct', code: '80146002', display: 'Excision of appendix (procedure)' }], text: 'Excision of appendix (procedure)' };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', id: 'p', name: [{ given: ['Ines'], family: 'Moreau' }], birthDate: '1947-05-01' } },
        { resource: { resourceType: 'ServiceRequest', id: 's1', status: 'completed', intent: 'order', doNotPerform: true, code: excision, subject: { reference: 'Patient/p' } } },
        { resource: { resourceType: 'ServiceRequest', id: 's2', status: 'active', intent: 'order', code: { text: 'Chest X-ray' }, subject: { reference: 'Patient/p' } } },
        { resource: { resourceType: 'ServiceRequest', id: 's3', status: 'active', intent: 'order', doNotPerform: true, subject: { reference: 'Patient/p' } } },
      ],
    };
    const problems = parseFhir(bundle).documents.flatMap((d) => d.problems);
    expect(problems).toEqual([
      {
        reason: '1 ServiceRequest entry was not imported because Chartkeeper does not read that kind of entry yet: “Chest X-ray”.',
        notice: { kind: 'not-read', resourceType: 'ServiceRequest', count: 1, words: ['Chest X-ray'] },
      },
      {
        reason:
          '2 ServiceRequest entries were not imported because Chartkeeper does not read that kind of entry yet; they were instructions NOT to do these: “Excision of appendix (procedure)”.',
        notice: { kind: 'not-read', resourceType: 'ServiceRequest', count: 2, words: ['Excision of appendix (procedure)'], doNotPerform: true },
      },
    ]);
  });
});
