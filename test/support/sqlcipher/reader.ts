// The independent SQLCipher 4 reader the interoperability tests use: Zetetic's own sqlcipher
// shell, built from source by build.mjs (see there for why and from what). It shares no code
// with SQLite3MultipleCiphers, which Chartkeeper writes with, so a file it opens with only the
// passphrase and SQLCipher 4's default settings is a file the user can open without Chartkeeper.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build.mjs');

let building: Promise<string | null> | undefined;
let binary: string | null = null;

/**
 * The path of the independent sqlcipher binary, built on first use (about a minute, once per
 * machine; the result is cached in node_modules/.cache). CHARTKEEPER_SQLCIPHER may name a
 * binary built elsewhere. Null, with the reason logged, when it cannot be built here.
 */
export function independentSqlcipher(): Promise<string | null> {
  building ??= locate().then((found) => (binary = found));
  return building;
}

async function locate(): Promise<string | null> {
  const given = process.env['CHARTKEEPER_SQLCIPHER'];
  if (given) {
    if (fs.existsSync(given)) return given;
    console.warn(`independent sqlcipher: CHARTKEEPER_SQLCIPHER names ${given}, which does not exist`);
    return null;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILD_SCRIPT], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const built = stdout.trim().split('\n').pop() ?? '';
      if (error || !built || !fs.existsSync(built)) {
        console.warn(`independent sqlcipher unavailable: ${stderr.trim() || error?.message || 'the build printed no path'}`);
        resolve(null);
        return;
      }
      resolve(built);
    });
  });
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export class SqlcipherError extends Error {
  override name = 'SqlcipherError';
}

/**
 * Runs `sql` against `file` with the passphrase, exactly as a person would in the sqlcipher
 * shell: `PRAGMA key='…';` first (given on stdin, never on the command line), no other cipher
 * settings, so SQLCipher 4's defaults apply (PBKDF2-HMAC-SHA512, 256,000 iterations, 4096-byte
 * pages). Returns what the shell printed (list mode, '|' between columns). Throws
 * SqlcipherError with the shell's message when it fails (a wrong passphrase: "file is not a
 * database"). Call after `await independentSqlcipher()` has returned a path.
 */
export function querySqlcipher(file: string, passphrase: string, sql: string): string {
  if (!binary) throw new Error('querySqlcipher needs the independent sqlcipher: await independentSqlcipher() first');
  // The key pragma answers "ok"; that line is sent to /dev/null so only the query's output
  // comes back. -bail stops at the first error so a failure cannot pass as empty output.
  const script = ['.output /dev/null', `PRAGMA key = ${quote(passphrase)};`, '.output stdout', sql.trim().endsWith(';') ? sql : `${sql};`, ''].join('\n');
  try {
    return execFileSync(binary, ['-bail', '-batch', file], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const message = stderr.split('\n').filter((l) => !/ERROR CORE/.test(l)).join(' ').trim();
    throw new SqlcipherError(message || (error as Error).message);
  }
}

/**
 * For tests that need the independent reader: fails in CI when it could not be built (the
 * promise that files open with the standard tool would go unchecked); skips elsewhere.
 */
export function needReader(reader: string | null, skip: (note?: string) => void): void {
  if (reader) return;
  if (process.env['CI']) throw new Error('The independent sqlcipher reader could not be built; see the log above (needs gcc and libssl-dev).');
  skip('independent sqlcipher reader unavailable (needs gcc and libssl-dev)');
}
