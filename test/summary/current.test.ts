// The visit summary follows the current rule (main/records/current.ts): an allergy any source
// still lists as active is printed, a medication no source confirmed for a year is printed
// apart with a request to check it, a dose given once is not a current medication, and each
// item says where and when it was last listed.

import { describe, expect, it } from 'vitest';
import type { ProvenanceLink, StoredEntry } from '../../main/records/model.ts';
import { KEPT_DOCUMENT_PROVIDER, UNKNOWN_PROVIDER } from '../../main/records/readable/titles.ts';
import { buildVisitSummaryHtml } from '../../main/summary/build.ts';
import { EntryBuilder, margaretInput } from './fixtures.ts';

function sectionHtml(html: string, name: string): string {
  const start = html.indexOf(`<section data-section="${name}">`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

/** A second source that said something else about the same entry. */
function alsoSaid(entry: StoredEntry, link: Partial<ProvenanceLink> & { provider: string; documentDate: string }, fields: Partial<StoredEntry>): void {
  entry.sources.push({
    sourceId: 90 + entry.sources.length,
    format: 'ccda',
    importedAt: '2025-03-01T10:15:00Z',
    ...link,
    original: { kind: entry.kind, title: entry.title, codes: entry.codes, details: entry.details, ...fields },
  });
}

describe('current items in the visit summary', () => {
  const build = () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'St. Clare Hospital', fileName: 'st-clare.xml', documentDate: '2012-08-06' });
    // The merged penicillin allergy: the old source ended it, the newer one lists it active; the
    // merge left the entry itself reading "inactive".
    const penicillin = b.allergy('Penicillin', ['Hives'], 'Moderate', { status: 'inactive', end: '2012-08-06' });
    penicillin.sources[0]!.original.status = 'inactive';
    alsoSaid(penicillin, { provider: 'Riverside Family Medicine', documentDate: '2024-11-02' }, { status: 'active' });
    b.allergy('Latex', ['Rash'], 'Mild', { status: 'resolved' });
    // A 2012 prescription nobody has listed since.
    b.medication('Lisinopril 10 mg tablet', '314076', { dose: '10 mg' }, { status: 'active' });
    // Current, confirmed by a newer source.
    const metformin = b.medication('Metformin 500 mg tablet', '860975', { dose: '500 mg' }, { status: 'active' });
    alsoSaid(metformin, { provider: 'Riverside Family Medicine', documentDate: '2025-01-22' }, { status: 'active' });
    // An IV dose given in hospital.
    b.medication('Ceftriaxone 1 g injection', '1665021', { route: 'intravenous' }, { status: 'active', start: '2024-12-01T14:30', end: '2024-12-01T15:00' });
    return buildVisitSummaryHtml(margaretInput({ entries: b.entries, printedOn: '2025-03-14' }));
  };

  it('never drops an allergy a source still lists as active, and says who listed it when', () => {
    const allergies = sectionHtml(build(), 'allergies');
    expect(allergies).toContain('<b>Penicillin</b>');
    expect(allergies).toContain('last listed Nov 2, 2024 by Riverside Family Medicine');
    expect(allergies).not.toContain('Latex');
  });

  it('prints a medication unconfirmed for a year apart, and no dose given once', () => {
    const meds = sectionHtml(build(), 'medications');
    const [confirmed, unconfirmed] = meds.split('<h3 class="unconfirmed">');
    expect(confirmed).toContain('Metformin 500 mg tablet');
    expect(confirmed).toContain('last listed Jan 22, 2025 by Riverside Family Medicine');
    expect(confirmed).not.toContain('Lisinopril');
    expect(unconfirmed).toContain('no source has confirmed it for over a year');
    expect(unconfirmed).toContain('Lisinopril 10 mg tablet');
    expect(unconfirmed).toContain('last listed Aug 6, 2012 by St. Clare Hospital');
    expect(meds).not.toContain('Ceftriaxone');
  });

  it('says it in Spanish too', () => {
    const b = new EntryBuilder(1, { sourceId: 1, provider: 'VA', fileName: 'va.txt', documentDate: '2013-03-18' });
    b.medication('Lisinopril 10 mg tablet', '314076', {}, { status: 'active' });
    const html = buildVisitSummaryHtml(margaretInput({ entries: b.entries, printedOn: '2025-03-14', language: 'es' }));
    const meds = sectionHtml(html, 'medications');
    expect(meds).toContain('ninguna fuente lo ha confirmado desde hace más de un año');
    expect(meds).toContain('última vez en la lista el 18 mar 2013, de VA');
  });

  it('says the names Chartkeeper gives a source in the packet language, never its English sentinel', () => {
    for (const [language, unknown, kept] of [
      ['en', 'by an unknown provider', 'by the patient’s own documents'],
      ['es', 'de un proveedor desconocido', 'de los documentos del propio paciente'],
    ] as const) {
      const b = new EntryBuilder(1, { sourceId: 1, provider: UNKNOWN_PROVIDER, fileName: 'x.xml', documentDate: '2025-01-10' });
      b.medication('Metformin 500 mg tablet', '860975', {}, { status: 'active' });
      const k = new EntryBuilder(5, { sourceId: 2, provider: KEPT_DOCUMENT_PROVIDER, fileName: 'lab.pdf', documentDate: '2025-02-01' });
      k.problem('Hypertension', '38341003', '2020-01-01', { status: 'active' });
      const html = buildVisitSummaryHtml(margaretInput({ entries: [...b.entries, ...k.entries], printedOn: '2025-03-14', language }));
      expect(html).not.toContain(UNKNOWN_PROVIDER);
      expect(html).not.toContain(KEPT_DOCUMENT_PROVIDER);
      expect(sectionHtml(html, 'medications')).toContain(unknown);
      expect(sectionHtml(html, 'problems')).toContain(kept);
    }
  });
});
