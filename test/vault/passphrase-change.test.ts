import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../main/errors.ts';
import { changePassphrase } from '../../main/vault/rekey.ts';
import { openEncrypted } from '../../main/vault/sqlite.ts';
import { createVault, unlockVault, type VaultSession } from '../../main/vault/vault.ts';
import { seededRandom, sleep, startChild } from '../support/child.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const OLD = 'correct horse battery staple';
const NEW = 'new passphrase for the vault';
const NOW = new Date('2026-03-01T12:00:00Z');

function seedVault(dir: string): void {
  const session = createVault(dir, OLD, NOW);
  for (const name of ['Alice Example', 'Bob Example', 'Carol Example']) {
    const p = session.addProfile({ name, birthDate: '1950-01-31' }, NOW);
    const db = session.profileDb(p.id);
    db.exec("CREATE TABLE IF NOT EXISTS canary (t TEXT); INSERT INTO canary VALUES ('kept-" + p.id + "')");
  }
  session.close();
}

function tryUnlock(dir: string, passphrase: string): VaultSession | AppError {
  try {
    return unlockVault(dir, passphrase);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** Every database file opens with exactly this passphrase and holds its data intact. */
function assertWholeVault(dir: string, passphrase: string): void {
  const session = unlockVault(dir, passphrase);
  const profiles = session.listProfiles();
  expect(profiles.map((p) => p.name)).toEqual(['Alice Example', 'Bob Example', 'Carol Example']);
  for (const p of profiles) {
    const db = session.profileDb(p.id);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT t FROM canary').all()).toEqual([{ t: `kept-${p.id}` }]);
  }
  session.close();
  const leftovers = [...snapshotFiles(dir).keys()].filter((f) => f.includes('.next') || f.includes('rekey-commit'));
  expect(leftovers).toEqual([]);
}

function databaseFiles(dir: string): string[] {
  const profiles = path.join(dir, 'profiles');
  const names = fs.readdirSync(profiles).filter((f) => f.endsWith('.db')).sort();
  return [path.join(dir, 'chartkeeper-vault.db'), ...names.map((f) => path.join(profiles, f))];
}

/**
 * A new vault left as a kill right before the commit marker would leave it: every copy
 * staged, none committed.
 */
function stoppedBeforeCommit(): string {
  const dir = tempDir();
  seedVault(dir);
  const connections = databaseFiles(dir).map((file) => ({ file, db: openEncrypted(file, OLD) }));
  expect(() =>
    changePassphrase(dir, connections, OLD, NEW, () => {
      for (const c of connections) c.db.close();
      throw new Error('stopped before the commit');
    }),
  ).toThrow('stopped before the commit');
  expect(databaseFiles(dir).every((f) => fs.existsSync(f + '.next'))).toBe(true);
  expect(fs.existsSync(path.join(dir, 'rekey-commit'))).toBe(false);
  return dir;
}

function expectUndoneEvenWithNew(dir: string): void {
  const refused = tryUnlock(dir, NEW);
  expect(refused).toBeInstanceOf(AppError);
  expect((refused as AppError).message).toMatch(/interrupted and undone/);
  assertWholeVault(dir, OLD);
}

describe('changing the passphrase', () => {
  test('re-encrypts every file; the old passphrase stops working', () => {
    const dir = tempDir();
    seedVault(dir);
    const session = unlockVault(dir, OLD);
    session.changePassphrase(OLD, NEW, NOW);
    expect(session.listProfiles()).toHaveLength(3);
    session.close();
    const old = tryUnlock(dir, OLD);
    expect(old).toBeInstanceOf(AppError);
    expect((old as AppError).kind).toBe('wrong-passphrase');
    assertWholeVault(dir, NEW);
    for (const f of fs.readdirSync(path.join(dir, 'profiles'))) {
      expect(() => openEncrypted(path.join(dir, 'profiles', f), NEW).close()).not.toThrow();
    }
  });

  test('the current passphrase must be given correctly', () => {
    const dir = tempDir();
    seedVault(dir);
    const session = unlockVault(dir, OLD);
    expect(() => session.changePassphrase('not it', NEW, NOW)).toThrow(/does not open/);
    session.close();
    assertWholeVault(dir, OLD);
  });

  test('stopped after every copy is staged: the new passphrase finishes the change and leaves no side files', () => {
    const dir = stoppedBeforeCommit();
    const session = unlockVault(dir, NEW);
    session.close();
    assertWholeVault(dir, NEW);
    expect(tryUnlock(dir, OLD)).toBeInstanceOf(AppError);
  });

  test('stopped after every copy is staged: the old passphrase rolls the change back', () => {
    const dir = stoppedBeforeCommit();
    assertWholeVault(dir, OLD);
    expect(tryUnlock(dir, NEW)).toBeInstanceOf(AppError);
  });

  test('a copy with a WAL beside it was still being written: even the new passphrase rolls back', () => {
    const dir = stoppedBeforeCommit();
    // As if killed after the last copy's re-key committed to its WAL, before the checkpoint.
    const last = databaseFiles(dir).at(-1)! + '.next';
    const copy = openEncrypted(last, NEW);
    copy.pragma('wal_autocheckpoint = 0');
    copy.exec("INSERT INTO canary VALUES ('in the WAL only')");
    const wal = fs.readFileSync(last + '-wal');
    copy.close();
    fs.writeFileSync(last + '-wal', wal);
    expectUndoneEvenWithNew(dir);
  });

  test('a copy with a rollback journal beside it was still switching to WAL: even the new passphrase rolls back', () => {
    const dir = stoppedBeforeCommit();
    // A copy starts in rollback mode; a kill inside the switch to WAL leaves its journal.
    fs.writeFileSync(databaseFiles(dir)[0] + '.next-journal', crypto.randomBytes(4096));
    expectUndoneEvenWithNew(dir);
  });

  test('stopped while the commit marker was being written: no marker, and its temporary file is removed', () => {
    const dir = stoppedBeforeCommit();
    fs.writeFileSync(path.join(dir, 'rekey-commit.tmp-0badf00d'), '["chartkeeper-vault.db"');
    const session = unlockVault(dir, NEW);
    session.close();
    assertWholeVault(dir, NEW);
  });

  test('kill -9 at any moment: the next unlock with the old or the new passphrase finishes or rolls back every file', async () => {
    const random = seededRandom(42);
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const dir = tempDir();
      seedVault(dir);
      const { child, exited } = await startChild(path.join(here, 'children', 'change-passphrase.ts'), [dir, OLD, NEW]);
      // The change takes several key derivations; kill somewhere inside it (or after it).
      await sleep(Math.floor(random() * 3000));
      child.kill('SIGKILL');
      await exited;

      // Try the passphrase the user would try first in each half of the rounds.
      const first = round % 2 === 0 ? OLD : NEW;
      const second = first === OLD ? NEW : OLD;
      let opened = tryUnlock(dir, first);
      let works = first;
      if (opened instanceof AppError) {
        expect(opened.kind).toBe('wrong-passphrase');
        opened = tryUnlock(dir, second);
        works = second;
      }
      expect(opened).not.toBeInstanceOf(AppError);
      (opened as VaultSession).close();
      outcomes.add(works === OLD ? 'rolled back' : 'finished');
      assertWholeVault(dir, works);
      // And the other passphrase opens nothing any more.
      expect(tryUnlock(dir, works === OLD ? NEW : OLD)).toBeInstanceOf(AppError);
    }
    expect(outcomes.size).toBeGreaterThan(0);
  }, 300_000);
});
