// `npm run browser`: the renderer in a normal browser against the real main/api, for
// DEVELOPMENT ONLY (the app itself is the Electron shell). Builds the renderer when needed,
// starts the test bridge on 127.0.0.1 over a vault folder, prints the URL and opens it in
// /usr/bin/chromium when that exists.
//   node scripts/browser.mjs [--vault DIR] [--rebuild]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const vaultArg = args.indexOf('--vault');
const vaultDir = path.resolve(vaultArg >= 0 && args[vaultArg + 1] ? args[vaultArg + 1] : path.join(repoRoot, '.chartkeeper-dev-vault'));
const built = path.join(repoRoot, 'dist/renderer/index.html');

if (args.includes('--rebuild') || !existsSync(built)) {
  console.log('Building the renderer…');
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync(vaultDir, { recursive: true });
const { startBridge } = await import('../test/bridge/server.ts');
const bridge = await startBridge({ vaultDir, downloadsDir: path.join(vaultDir, 'downloads') });
console.log('');
console.log('  Chartkeeper — DEVELOPMENT browser preview (not the app; loopback only)');
console.log(`  Vault folder: ${vaultDir}`);
// The address carries a one-time ticket for the vault's token (test/bridge/server.ts): only the
// page opened with it can use the vault, and only once; restart to open it in another browser.
console.log(`  Open once:    ${bridge.openUrl}`);
console.log('  Press Ctrl+C to stop.');
console.log('');

let browser;
const chromium = '/usr/bin/chromium';
if (existsSync(chromium) && !args.includes('--no-open')) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'chartkeeper-dev-browser-'));
  browser = spawn(chromium, [`--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync', `--app=${bridge.openUrl}`], {
    stdio: 'ignore',
  });
  browser.on('exit', () => rmSync(profile, { recursive: true, force: true }));
  browser.on('error', () => console.log('  (Could not open Chromium; open the address above yourself.)'));
}

const stop = async () => {
  browser?.kill();
  await bridge.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
