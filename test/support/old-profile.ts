// A vault whose one profile's file is as an older Chartkeeper left it: written before
// migration 021 (its table and triggers gone, and those of later migrations that add tables:
// 035's none_known; version 20), so opening it runs 021 and later.
import type { Api } from '../../main/api/index.ts';
import { ok } from './api.ts';

export async function profileBefore021(api: Api, passphrase: string, settings: { language?: 'en' | 'es' } = {}): Promise<string> {
  await ok(api, 'vault.create', { passphrase });
  if (settings.language) await ok(api, 'settings.set', { language: settings.language });
  const profile = await ok(api, 'profiles.add', { name: 'Ana Example', birthDate: '1950-01-31' });
  const db = api.context.session!.profileDb(profile.id);
  db.exec('DROP TABLE provider_timeline');
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'provider_timeline%'").all() as { name: string }[]) db.exec(`DROP TRIGGER ${name}`);
  db.exec('DROP TABLE none_known');
  db.pragma('user_version = 20');
  await ok(api, 'vault.lock', {});
  return profile.id;
}
