// Issue 13 over the shared corpus, through the API as the app uses it: episodes of one problem,
// Medicare's several coverages under one member number, and merges (by hand and on import)
// that keep the newest source's status and every severity.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApi } from '../export/helpers.ts';
import { fromCorpus, haveCorpus, listKind, profileWith as profileWithFiles, type File } from './api-profile.ts';
import { allergyBundleText } from '../fixtures/e2e/allergy-bundle.ts';
import { medicationDoseDifference } from '../../main/records/reconcile.ts';

let t: TestApi | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function profileWith(files: File[]): Promise<{ api: TestApi; profileId: string }> {
  const made = await profileWithFiles(files);
  t = made.api;
  return made;
}
const list = listKind;

describe.skipIf(!haveCorpus)('reconciliation on corpus files', () => {
  it('keeps pneumonia of 1997 and of 1999 as two episodes (c32/amida-blue-button/C32.xml)', async () => {
    const { api, profileId } = await profileWith([fromCorpus('c32/amida-blue-button/C32.xml')]);
    const pneumonia = (await list(api, profileId, 'problem')).filter((p) => p.title === 'Pneumonia');
    expect(pneumonia.map((p) => p.start).sort()).toEqual(['1997-01', '1999-03']);
  });

  it('keeps Medicare Part A, B, C and D as four coverages, each with its own period', async () => {
    const { api, profileId } = await profileWith([fromCorpus('cms-fhir/cmsgov-bfd/v2/coverageSearchByPatientIdWithoutReferenceYear.json')]);
    const coverage = await list(api, profileId, 'coverage');
    expect(coverage.map((c) => [c.title, c.status, c.start, c.end]).sort()).toEqual([
      ['Medicare Part A', 'active', '2020-03-17', '2020-06-17'],
      ['Medicare Part B', 'active', '2021-07-17', '2022-08-17'],
      ['Medicare Part C', 'active', undefined, undefined],
      ['Medicare Part D', 'active', '2021-02-17', '2022-11-17'],
    ]);
  });

  const NEWMAN = 'ccda/jddamore-ccda-samples/Carefluence/Newman_Alice_1_Ambulatory.xml';
  const XDM = 'xdm/nist-iheos-toolkit2/direct-messages/CCDA_Ambulatory_in_XDM.zip';

  for (const keepYear of ['2015', '2012']) {
    it(`merged by hand keeping the ${keepYear} entry, the 2015 source’s Active allergy stays active, with both severities (Newman + XDM)`, async () => {
      const { api, profileId } = await profileWith([fromCorpus(NEWMAN), fromCorpus(XDM)]);
      const penicillin = (await list(api, profileId, 'allergy')).filter((a) => a.title === 'Penicillin G benzathine');
      expect(penicillin).toHaveLength(2);
      const of = (year: string) => penicillin.find((p) => p.sources[0]?.documentDate?.startsWith(year))!;
      const other = keepYear === '2015' ? '2012' : '2015';
      const { entry: merged } = await api.call('records.merge', { profileId, keepEntryId: of(keepYear).id, mergeEntryId: of(other).id });
      expect(merged.status).toBe('active');
      expect(merged.details.severity).toBe('Moderate; Moderate to severe');
      expect(merged.details.reactions).toEqual(['Hives']);
      expect(merged.start).toBe('1980-05-01');
      // Issue 15: "Active" and "Ended Aug 6, 2012" together no more; the 2012 end stays in its source.
      expect(merged.end).toBeUndefined();
      expect(merged.sources.find((s) => s.documentDate?.startsWith('2012'))?.original.end).toBe('2012-08-06');
      expect(merged.sources).toHaveLength(2);
    });
  }

  it('never holds two different doses of one insulin in one entry (Netsmart "10.0", Allscripts 40 units, Cerner 30.0 units)', async () => {
    // Three patients' files in one profile, as the import dump puts the corpus: Netsmart's bare
    // dose came first and, compared alone, agreed with both later doses.
    const { api, profileId } = await profileWith([
      fromCorpus('ccda/jddamore-ccda-samples/Netsmart myEvolv/Continuity_of_Care_Document_20170327_190412_124_1.xml'),
      fromCorpus('ccda/chb-sample-ccdas/Allscripts Samples/Sunrise Clinical Manager/C-CDA_101822_20130617114349_Williams_John.xml'),
      fromCorpus('ccda/chb-sample-ccdas/Cerner Samples/Transition_of_Care_Referral_Summary.xml'),
    ]);
    const medications = await list(api, profileId, 'medication');
    const clashes = medications.flatMap((entry) =>
      entry.sources.flatMap((x, i) => entry.sources.slice(i + 1).map((y) => medicationDoseDifference(x.original, y.original)).filter(Boolean).map((d) => `${entry.title}: ${d}`)),
    );
    expect(clashes).toEqual([]);
    const insulin = medications.filter((m) => /lantus|glargine/i.test(m.title));
    expect(insulin.map((m) => m.sources.map((s) => s.original.details.dose))).toEqual(expect.arrayContaining([['10.0', '40 units'], ['30.0 units']]));
    const flagged = insulin.find((m) => m.sources[0]?.original.details.dose === '30.0 units')!;
    expect(flagged.possibleDuplicates).toEqual([insulin.find((m) => m !== flagged)!.id]);
  });
});

const allergyBundle = (timestamp: string, status: string, severity: string) => ({
  name: `allergy-${timestamp}.json`,
  bytes: new TextEncoder().encode(
    allergyBundleText(timestamp, { status, severity, reaction: 'Hives', code: '7980', display: 'Penicillin G', patient: { given: 'Test', family: 'Person', birthDate: '1970-01-01' } }),
  ),
});

describe('reconciliation on import', () => {
  it('an older file imported after a newer one does not downgrade its status', async () => {
    const { api, profileId } = await profileWith([allergyBundle('2020-01-01T00:00:00Z', 'active', 'moderate'), allergyBundle('2015-01-01T00:00:00Z', 'inactive', 'moderate')]);
    const [allergy] = await list(api, profileId, 'allergy');
    expect(allergy!.sources).toHaveLength(2);
    expect(allergy!.status).toBe('active');
  });

  it('a newer file imported after an older one sets the status', async () => {
    const { api, profileId } = await profileWith([allergyBundle('2015-01-01T00:00:00Z', 'active', 'moderate'), allergyBundle('2020-01-01T00:00:00Z', 'inactive', 'moderate')]);
    const [allergy] = await list(api, profileId, 'allergy');
    expect(allergy!.sources).toHaveLength(2);
    expect(allergy!.status).toBe('inactive');
  });

  it('split off one source, the rest keep the newest remaining source’s status', async () => {
    const { api, profileId } = await profileWith([
      allergyBundle('2015-01-01T00:00:00Z', 'active', 'moderate'),
      allergyBundle('2020-01-01T00:00:00Z', 'inactive', 'moderate'),
      allergyBundle('2018-01-01T00:00:00Z', 'active', 'moderate'),
    ]);
    const [allergy] = await list(api, profileId, 'allergy');
    expect(allergy!.sources).toHaveLength(3);
    expect(allergy!.status).toBe('inactive');
    const oldest = allergy!.sources.find((s) => s.documentDate?.startsWith('2015'))!;
    const [rest, split] = await api.call('records.split', { profileId, entryId: allergy!.id, sourceId: oldest.sourceId });
    expect(rest!.sources).toHaveLength(2);
    expect(rest!.status).toBe('inactive');
    expect(split!.status).toBe('active');
  });
});
