// Small per-profile preferences (the last visit-summary choice) and the education cache,
// kept in the profile's own encrypted file rather than anywhere Chromium could cache them.
import type { Connection } from './sqlite.ts';

export function getProfileSetting(db: Connection, key: string): string | undefined {
  return (db.prepare('SELECT value FROM profile_settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function setProfileSetting(db: Connection, key: string, value: string): void {
  db.prepare('INSERT INTO profile_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

export interface EducationKey {
  system: string;
  code: string;
  language: 'en' | 'es';
}

export interface CachedEducation {
  fetchedAt: number;
  body: string;
}

/** The education cache for one profile, in the shape the MedlinePlus client asks for. */
export function educationCache(db: Connection) {
  const get = db.prepare('SELECT fetched_at, body FROM education_cache WHERE system = ? AND code = ? AND language = ?');
  const put = db.prepare(
    `INSERT INTO education_cache (system, code, language, fetched_at, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(system, code, language) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body`,
  );
  return {
    get(key: EducationKey): CachedEducation | undefined {
      const row = get.get(key.system, key.code, key.language) as { fetched_at: number; body: string } | undefined;
      return row ? { fetchedAt: row.fetched_at, body: row.body } : undefined;
    },
    put(key: EducationKey, value: CachedEducation): void {
      put.run(key.system, key.code, key.language, value.fetchedAt, value.body);
    },
    all(): (EducationKey & CachedEducation)[] {
      return (
        db.prepare('SELECT system, code, language, fetched_at, body FROM education_cache ORDER BY system, code, language').all() as {
          system: string;
          code: string;
          language: 'en' | 'es';
          fetched_at: number;
          body: string;
        }[]
      ).map((r) => ({ system: r.system, code: r.code, language: r.language, fetchedAt: r.fetched_at, body: r.body }));
    },
  };
}
