// Electron may be loaded only by the shell's wiring modules and the preload. Everything else,
// including main/app/policy (which the unit tests import), may at most import its types.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ELECTRON_RUNTIME = /(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s+['"](electron|electron-updater)['"]|\brequire\(\s*['"]electron['"]\s*\)|\bimport\(\s*['"]electron['"]\s*\)/g;

function sources(folder: string): string[] {
  const absolute = path.join(repoRoot, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(folder, f).split(path.sep).join('/'));
}

function loadsElectron(file: string): boolean {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(ELECTRON_RUNTIME)].length > 0;
}

describe('who loads Electron', () => {
  it('is only main/app (outside policy/) and preload/index.ts', () => {
    const loaders = [...sources('main'), ...sources('preload'), ...sources('renderer')].filter(loadsElectron);
    const allowed = (file: string) =>
      file === 'preload/index.ts' || (file.startsWith('main/app/') && !file.startsWith('main/app/policy/'));
    expect(loaders.filter((f) => !allowed(f))).toEqual([]);
    expect(loaders).toContain('preload/index.ts');
    expect(loaders).toContain('main/app/main.ts');
  });

  it('recognises a type-only import as harmless and a value import as loading', () => {
    const typeOnly = "import type { WebPreferences } from 'electron';";
    const value = "import { app, type BrowserWindow } from 'electron';";
    expect([...typeOnly.matchAll(ELECTRON_RUNTIME)]).toHaveLength(0);
    expect([...value.matchAll(ELECTRON_RUNTIME)]).toHaveLength(1);
  });
});
