// One profile in a fresh test vault with files imported through the API, as the app does it;
// used by the merge tests (issues 13 and 15). The caller cleans up with `api.cleanup()`.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { StoredEntry } from '../../main/records/model.ts';
import { testApi, type TestApi } from '../export/helpers.ts';

export const corpus = path.resolve(import.meta.dirname, '../../../shared/corpus');
export const haveCorpus = fs.existsSync(path.join(corpus, 'MANIFEST.tsv'));

export type File = { name: string; bytes: Uint8Array<ArrayBuffer> };

export async function profileWith(files: File[], person = { name: 'Test Person', birthDate: '1970-01-01' }): Promise<{ api: TestApi; profileId: string }> {
  const api = testApi();
  await api.call('vault.create', { passphrase: 'merge tests passphrase' });
  const profileId = (await api.call('profiles.add', person)).id;
  for (const file of files) {
    const report = await api.call('import.files', { profileId, files: [file], force: true });
    expect(report.files[0]?.error).toBeUndefined();
  }
  return { api, profileId };
}

export const fromCorpus = (relative: string): File => ({ name: path.basename(relative), bytes: new Uint8Array(fs.readFileSync(path.join(corpus, relative))) });

export const listKind = async (api: TestApi, profileId: string, kind: StoredEntry['kind']) =>
  (await api.call('records.list', { profileId, kinds: [kind] })) as StoredEntry[];
