// npm start: makes sure Electron's binary is there, builds the renderer and the shell, then
// launches the app. Electron's npm package downloads its binary on first use from outside the
// package registries; where that cannot happen we say so in one sentence instead of hanging.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build-app.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(repoRoot, 'node_modules', 'electron');
const DOWNLOAD_TIME_LIMIT_MS = 120_000;
const NO_ELECTRON =
  "Electron's binary could not be downloaded on this machine, so the desktop app cannot start here; " +
  'run `npm run browser` to use the same app in Chromium (for development).';

/**
 * The binary's path, or null. Mirrors node_modules/electron/index.js, which would otherwise try
 * to download synchronously with no time limit when we require it.
 */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(overridden) ? overridden : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function ensureElectron() {
  const present = electronBinary();
  if (present) return present;
  // Electron's own installer, time-limited and quiet: its stack trace is not the user's business.
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: DOWNLOAD_TIME_LIMIT_MS,
  });
  return electronBinary();
}

function buildRenderer() {
  const config = path.join(repoRoot, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) {
    console.warn('Note: renderer/vite.config.ts does not exist yet, so the renderer was not built.');
    return true;
  }
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return spawnSync(process.execPath, [vite, 'build', '--config', config], { cwd: repoRoot, stdio: 'inherit' }).status === 0;
}

const binary = ensureElectron();
if (!binary) {
  console.error(NO_ELECTRON);
  process.exit(1);
}
if (!buildRenderer()) process.exit(1);
await buildApp();

// A leftover ELECTRON_RUN_AS_NODE would start plain Node instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
