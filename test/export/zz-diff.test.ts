import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { ENTRY_KINDS } from '/work/main/main/records/model.ts';
import { comparable, roundTrip } from '/work/main/test/export/compare.ts';
import { testApi } from '/work/main/test/export/helpers.ts';
const corpus = '/work/shared/corpus';
const files = (process.env.FILES ?? '').split(',');
it('diff', async () => {
  for (const relative of files) {
    const t = testApi();
    await t.call('vault.create', { passphrase: 'corpus round trip' });
    const a = (await t.call('profiles.add', { name: 'Original', birthDate: '1970-01-01' })).id;
    const bytes = new Uint8Array(fs.readFileSync(path.join(corpus, relative)));
    await t.call('import.files', { profileId: a, files: [{ name: path.basename(relative), bytes }], force: true });
    const original = await t.call('records.list', { profileId: a, kinds: [...ENTRY_KINDS] });
    const saved = await t.call('export.fhir', { profileId: a });
    const b = (await t.call('profiles.add', { name: 'Copy', birthDate: '1970-01-01' })).id;
    const r = await t.call('import.files', { profileId: b, files: [{ name: 'export.json', bytes: new Uint8Array(fs.readFileSync(saved!.savedTo)) }], force: true });
    const copy = await t.call('records.list', { profileId: b, kinds: [...ENTRY_KINDS] });
    const { expected: A, actual: B } = roundTrip(original, copy);
    console.log('=== ', relative, A.length, B.length, JSON.stringify(r.files[0]?.skipped));
    for (const x of A) if (!B.includes(x)) console.log('  - ', x);
    const count = (L: string[]) => L.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const ca = count(A), cb = count(B);
    for (const [k, n] of ca) if (cb.get(k) !== n) console.log('  # ', n, cb.get(k), k);
    const full = original.filter((e) => JSON.stringify(comparable(e)) === [...ca].find(([k, n]) => cb.get(k) !== n)?.[0]);
    for (const e of full.slice(0, 3)) console.log('  F ', JSON.stringify({ ...e, sources: e.sources.length }));
    for (const x of B) if (!A.includes(x)) console.log('  + ', x);
    t.cleanup();
  }
}, 300000);
