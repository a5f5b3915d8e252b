// C-CDA Advance Directive Observations (4.48) read as directive entries: the fixture field by
// field, the negated one kept as not in place, a narrative-only "none" never an entry, how two
// sources merge or stay apart, and every 4.48 observation of the corpus accounted for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../main/importers/index.ts';
import type { RecordDraft } from '../../../main/records/model.ts';
import { decide } from '../../../main/records/reconcile.ts';
import { cdaCorpusFiles, corpus, fixtures, load, present, records } from './cda-docs.ts';

const FIXTURE = path.join(fixtures, 'advance-directives.xml');
const directives = (file: string) => records(load(file), 'directive');

describe('C-CDA advance directives: the fixture', () => {
  const [dnr, intubation] = directives(FIXTURE);

  it('reads what it is about, the decision in the source’s words and codes, and the period', () => {
    expect(dnr).toMatchObject({
      kind: 'directive',
      title: 'Resuscitation',
      codes: [
        { system: 'SNOMED', code: '304251008', display: 'Resuscitation' },
        { system: 'LOINC', code: '75278-2', display: 'Advance directive type' },
      ],
      start: '2023-01-10',
      end: '2028-01-10',
      details: {
        provisionText: 'Do not resuscitate',
        provisionCodes: [{ system: 'SNOMED', code: '304253006', display: 'Do not resuscitate' }],
        verifiedBy: ['Dr. Ana Ruiz (2023-01-10)'],
        custodian: 'Lakeside Clinic Records Office',
        sourceTitle: 'https://example.org/polst/rosa.pdf',
      },
    });
    // "completed" is the observation's status, not the directive's: a DNR stays in force.
    expect(dnr?.status).toBeUndefined();
    expect(dnr?.details.provision).toBeUndefined();
    expect(dnr?.narrative).toContain('Dr. Ana Ruiz, Jan 10, 2023');
  });

  it('keeps a negated observation as a directive not in place, never a positive one', () => {
    expect(intubation).toMatchObject({ title: 'No advance directive about intubation', status: 'not-done', codes: [{ system: 'SNOMED', code: '52765003' }] });
    expect(intubation?.details.provisionText).toBeUndefined();
  });

  it('makes no entry of a section that only says there are none', () => {
    const xml = readFileSync(FIXTURE, 'utf8').replace(/<text>[\s\S]*?<\/text>\s*<entry>[\s\S]*<\/entry>/, '<text><paragraph>No advance directives</paragraph></text>');
    const docs = parseFile(Buffer.from(xml), 'none.xml').documents;
    expect(records(docs, 'directive')).toEqual([]);
    expect(docs[0]?.records.length).toBe(0);
  });

  it('skips a placeholder observation with its reason', () => {
    const xml = readFileSync(FIXTURE, 'utf8')
      .replace('<content ID="ad-2">No advance directive about intubation</content>', '<content ID="ad-2">Advance Directives excluded/not available</content>')
      .replace('<code code="52765003" codeSystem="2.16.840.1.113883.6.96">', '<code nullFlavor="UNK"><translation code="75320-2" codeSystem="2.16.840.1.113883.6.1"/>')
      .replace(' negationInd="true"', '');
    const docs = parseFile(Buffer.from(xml), 'placeholder.xml').documents;
    expect(records(docs, 'directive').map((r) => r.title)).toEqual(['Resuscitation']);
    expect(docs[0]?.problems.find((p) => p.kind === 'directives')?.reason).toMatch(/Advance Directives excluded\/not available" stands in for absent data/);
  });
});

describe('C-CDA advance directives: reconciliation', () => {
  const [dnr] = directives(FIXTURE) as [RecordDraft];

  it('merges the same directive read from two files', () => {
    expect(decide(structuredClone(dnr), [{ id: 1, entry: structuredClone(dnr) }])).toEqual({ action: 'merge', entryId: 1 });
  });

  it('never silently merges two decisions about the same thing on one day', () => {
    const fullCode: RecordDraft = { ...structuredClone(dnr), details: { ...dnr.details, provisionText: 'Full code', provisionCodes: [{ system: 'SNOMED', code: '1', display: 'Full code' }] } };
    expect(decide(fullCode, [{ id: 1, entry: structuredClone(dnr) }])).toEqual({
      action: 'possible-duplicate',
      ofEntryId: 1,
      reason: 'Same directive, different decision: Do not resuscitate vs Full code',
    });
  });

  it('never merges a directive with a source that says it is not in place', () => {
    const negated: RecordDraft = { ...structuredClone(dnr), status: 'not-done' };
    expect(decide(negated, [{ id: 1, entry: structuredClone(dnr) }])).toMatchObject({ action: 'possible-duplicate', ofEntryId: 1 });
  });

  it('does not match two directives by the generic "advance directive type" code alone', () => {
    const a: RecordDraft = { kind: 'directive', title: 'Not for resuscitation', codes: [{ system: 'LOINC', code: '75278-2' }], details: { provisionText: 'Not for resuscitation' }, start: '2011-02-19' };
    const b: RecordDraft = { kind: 'directive', title: 'Tube feeding', codes: [{ system: 'LOINC', code: '75278-2' }], details: {}, start: '2011-02-19' };
    expect(decide(b, [{ id: 1, entry: a }]).action).toBe('new');
  });
});

describe.skipIf(!present)('C-CDA advance directives: the corpus', () => {
  /** Where each observation carrying the 4.48 template starts (an observation may list it twice, with and without an extension). */
  const observationsIn = (xml: string): number[] => {
    const starts = new Set<number>();
    for (const m of xml.matchAll(/<templateId root="2\.16\.840\.1\.113883\.10\.20\.22\.4\.48"/g)) starts.add(xml.lastIndexOf('<observation', m.index));
    return [...starts];
  };

  it('accounts for every 4.48 observation: an entry, or a reason when it names nothing', () => {
    let seen = 0;
    let withContent = 0;
    for (const rel of cdaCorpusFiles().filter((f) => f.startsWith('ccda/'))) {
      const xml = readFileSync(path.join(corpus, rel), 'utf8');
      const inXml = observationsIn(xml);
      if (inXml.length === 0) continue;
      // An observation whose code or value carries a real code is a directive the source states.
      const coded = inXml.filter((start) => {
        const body = xml.slice(start, xml.indexOf('</observation>', start));
        return /<code\s+code="(?!75320-2|75278-2|42348-3)[^"]+"/.test(body) || /<value[^>]*\scode="[^"]+"/.test(body);
      }).length;
      const docs = load(path.join(corpus, rel));
      const entries = records(docs, 'directive').length;
      const skipped = docs.flatMap((d) => d.problems).filter((p) => p.kind === 'directives').length;
      expect({ rel, accounted: entries + skipped }).toEqual({ rel, accounted: inXml.length });
      expect({ rel, entries }).toEqual({ rel, entries: coded });
      seen += inXml.length;
      withContent += coded;
    }
    expect(seen).toBeGreaterThanOrEqual(14);
    expect(withContent).toBeGreaterThanOrEqual(8);
  });
});
