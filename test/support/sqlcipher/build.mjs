#!/usr/bin/env node
// Builds an independent `sqlcipher` command-line shell for the interoperability tests.
//
// Why: Chartkeeper promises that a vault opens with the standard sqlcipher tool and the
// passphrase alone. Chartkeeper itself writes through SQLite3MultipleCiphers, so the proof must
// come from Zetetic's own SQLCipher code. Debian's `sqlcipher` package is SQLCipher 3 and cannot
// read SQLCipher 4 files, so the shell is compiled here from sources published on the npm
// registry (downloaded with `npm pack` into the cache, never committed):
//   - @journeyapps/sqlcipher vendors the SQLCipher 4 amalgamation (sqlite3.c, SQLCipher 4.14.0
//     on SQLite 3.51.3) in deps/sqlcipher-amalgamation/;
//   - sqlite3 (node-sqlite3) vendors SQLite's autoconf tarball, whose shell.c is the standard
//     command-line shell. Its SQLite (3.44.2) is older than the amalgamation's, as it must be:
//     a newer shell.c uses API constants an older library lacks.
// Needs gcc, tar, npm and OpenSSL's headers (Debian: apt-get install -y gcc libssl-dev).
//
// Idempotent: a finished build is reused; prints the binary's path on stdout. Exit code 2 when
// a prerequisite is missing (the reason on stderr), 1 on any other failure.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CACHE_DIR = path.join(repoRoot, 'node_modules/.cache/chartkeeper-sqlcipher');
export const BINARY = path.join(CACHE_DIR, 'sqlcipher');

const AMALGAMATION = {
  spec: '@journeyapps/sqlcipher@6.0.0',
  tarball: 'journeyapps-sqlcipher-6.0.0.tgz',
  integrity: 'sha512-YmWSQIR4cnv+5L38lYJoS/dIF/+bEZBaACATbeTyq4XKjMHcxdIlFnElBLiIqa9rwseOIimIYjudgOOCovud3Q==',
  dir: 'package/deps/sqlcipher-amalgamation',
};
const SHELL = {
  spec: 'sqlite3@5.1.7',
  tarball: 'sqlite3-5.1.7.tgz',
  integrity: 'sha512-GGIyOiFaG+TUra3JIfkI/zGP8yZYLPQ0pl1bH+ODjiX57sPhrLU5sQJn1y9bDKZUFYkX1crlrPfSYt0BKKdkog==',
  autoconf: 'package/deps/sqlite-autoconf-3440200.tar.gz',
  shell: 'sqlite-autoconf-3440200/shell.c',
};
// The flags SQLCipher 4.7+ requires (codec, OpenSSL provider, in-memory temp store, and its
// init/shutdown hooks), plus what the shell needs to read Chartkeeper's schema (FTS5 tables).
const DEFINES = [
  'HAVE_STDINT_H=1',
  'SQLITE_HAS_CODEC',
  'SQLCIPHER_CRYPTO_OPENSSL',
  'SQLITE_TEMP_STORE=2',
  'SQLITE_EXTRA_INIT=sqlcipher_extra_init',
  'SQLITE_EXTRA_SHUTDOWN=sqlcipher_extra_shutdown',
  'SQLITE_THREADSAFE=1',
  'SQLITE_ENABLE_FTS5',
  'SQLITE_ENABLE_JSON1',
];
const RECIPE = JSON.stringify({ AMALGAMATION, SHELL, DEFINES, v: 1 });
const STAMP = path.join(CACHE_DIR, 'build-stamp.json');

class MissingPrerequisite extends Error {}

function have(command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function checkPrerequisites() {
  const missing = [];
  if (!have('gcc', ['--version'])) missing.push('gcc');
  if (!have('tar', ['--version'])) missing.push('tar');
  if (!have('npm', ['--version'])) missing.push('npm');
  if (missing.length === 0) {
    // OpenSSL's headers and libcrypto: compile and link a two-line program against them.
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-sqlcipher-probe-'));
    try {
      fs.writeFileSync(path.join(probe, 'p.c'), '#include <openssl/evp.h>\nint main(void){return EVP_sha512()==0;}\n');
      if (!have('gcc', ['-o', path.join(probe, 'p'), path.join(probe, 'p.c'), '-lcrypto'])) missing.push('libssl-dev');
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  }
  if (missing.length > 0) {
    throw new MissingPrerequisite(`cannot build the independent sqlcipher shell: missing ${missing.join(', ')} (Debian: apt-get install -y ${missing.filter((m) => m !== 'npm').join(' ')})`);
  }
}

function integrityOf(file) {
  return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

/** `npm pack` of an exact version into the cache, checked against the pinned integrity. */
function download(pkg, downloads) {
  const file = path.join(downloads, pkg.tarball);
  if (!fs.existsSync(file) || integrityOf(file) !== pkg.integrity) {
    fs.rmSync(file, { force: true });
    execFileSync('npm', ['pack', pkg.spec, '--pack-destination', downloads, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (integrityOf(file) !== pkg.integrity) throw new Error(`${pkg.spec} does not match its pinned integrity`);
  return file;
}

function build() {
  checkPrerequisites();
  const downloads = path.join(CACHE_DIR, 'downloads');
  fs.mkdirSync(downloads, { recursive: true });
  const amalgamationTgz = download(AMALGAMATION, downloads);
  const shellTgz = download(SHELL, downloads);

  const work = fs.mkdtempSync(path.join(CACHE_DIR, 'work-'));
  try {
    execFileSync('tar', ['-xzf', amalgamationTgz, '-C', work, `${AMALGAMATION.dir}/sqlite3.c`, `${AMALGAMATION.dir}/sqlite3.h`]);
    execFileSync('tar', ['-xzf', shellTgz, '-C', work, SHELL.autoconf]);
    execFileSync('tar', ['-xzf', path.join(work, SHELL.autoconf), '-C', work, SHELL.shell]);
    const include = path.join(work, AMALGAMATION.dir);
    const output = path.join(work, 'sqlcipher');
    execFileSync(
      'gcc',
      [
        '-O1',
        '-w',
        '-o',
        output,
        `-I${include}`,
        ...DEFINES.map((d) => `-D${d}`),
        path.join(work, SHELL.shell),
        path.join(include, 'sqlite3.c'),
        '-lcrypto',
        '-lpthread',
        '-ldl',
        '-lm',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const version = execFileSync(output, [':memory:'], { input: 'PRAGMA cipher_version;\n', encoding: 'utf8' }).trim();
    if (!/^4\./.test(version)) throw new Error(`the built shell reports cipher_version "${version}", not SQLCipher 4`);
    fs.renameSync(output, BINARY);
    fs.writeFileSync(STAMP, RECIPE);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function isBuilt() {
  return fs.existsSync(BINARY) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === RECIPE;
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds once even when several test workers ask at the same moment (a pid lock file). */
export function ensureBuilt() {
  if (isBuilt()) return BINARY;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const lock = path.join(CACHE_DIR, 'build.lock');
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      // An empty lock is one being written this instant: wait for its pid like any other.
      if (holder > 0 && !processAlive(holder)) fs.rmSync(lock, { force: true });
      else sleep(500);
    }
  }
  try {
    if (!isBuilt()) build();
    return BINARY;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${ensureBuilt()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof MissingPrerequisite ? 2 : 1;
  }
}
