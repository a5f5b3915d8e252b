// Where a vaccine went in: C-CDA's Immunization Activity says it in approachSiteCode, which the
// importer did not read. Kept now in the same body site detail as FHIR's Immunization.site
// (words and codes, a laterality beside the site's words), with the route as before. A
// null-flavored site is none; an <informant> is not read as "reported" (C-CDA does not say so).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTitle, fixtures, fromCorpus, load, present } from './cda-docs.ts';

describe('a C-CDA vaccination’s site', () => {
  const docs = load(path.join(fixtures, 'immunization-site.xml'));

  it('keeps approachSiteCode in its words, with its code, and the route', () => {
    const flu = byTitle(docs, 'Influenza, seasonal, injectable')!;
    expect(flu.details.bodySite).toBe('Left Arm');
    expect(flu.details.bodySiteCodes).toEqual([expect.objectContaining({ code: '368208006', display: 'Left Arm' })]);
    expect(flu.details.route).toBe('INTRAMUSCULAR');
    expect(flu.details.lotNumber).toBe('FLU-23-B');
  });

  it('puts a laterality qualifier beside the site’s words', () => {
    const tdap = byTitle(docs, 'Tdap')!;
    expect(tdap.details.bodySite).toBe('Lower limb structure (Right)');
    expect(tdap.details.bodySiteCodes?.map((c) => c.code)).toEqual(['61685007', '24028007']);
  });

  it('adds nothing for a null-flavored site, and reads no "reported" flag from an informant', () => {
    const ppv = byTitle(docs, 'Pneumococcal polysaccharide PPV23')!;
    expect(ppv.details).not.toHaveProperty('bodySite');
    expect(ppv.details).not.toHaveProperty('bodySiteCodes');
    expect(ppv.details).not.toHaveProperty('reported');
    expect(ppv.details).not.toHaveProperty('reportOrigin');
  });

  it.skipIf(!present)('reads Allscripts’ "Left Arm" sites from the corpus', () => {
    const docs = fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Internal Test with MU 2 data/170.314B2_Amb_CCD.xml');
    const sited = docs.flatMap((d) => d.records).filter((r) => r.kind === 'immunization' && r.details.bodySiteCodes?.some((c) => c.code === '368208006'));
    expect(sited.length).toBeGreaterThan(0);
    for (const r of sited) expect(r.details.bodySite).toBeTruthy();
  });
});
