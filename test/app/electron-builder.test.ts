// electron-builder.yml is only read when someone packages the app, which never happens on these
// machines; this keeps it valid against electron-builder's own schema and pins what matters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (it reads this file with it).
const yaml = require('js-yaml') as { load(text: string): unknown };

type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url: string };
  mac: Record<string, unknown>;
  linux: { target: string[] };
  win: { target: string[] };
  files: string[];
  asarUnpack: string[];
};
const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's scheme.json", () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('flips the fuses an attacker could use', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only the built app in an asar, with the native SQLCipher module unpacked', () => {
    expect(config.files).toEqual(['dist/**', 'package.json']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack.some((p) => p.includes('better-sqlite3-multiple-ciphers'))).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
  });

  it('publishes updates on one HTTPS server through the generic provider', () => {
    expect(config.publish.provider).toBe('generic');
    expect(new URL(config.publish.url).protocol).toBe('https:');
  });

  it('builds AppImage and deb, a hardened-runtime dmg, and an NSIS installer', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
  });

  it('points at entitlements that grant JIT and nothing risky', () => {
    for (const key of ['entitlements', 'entitlementsInherit']) {
      const plist = readFileSync(path.join(repoRoot, String(config.mac[key])), 'utf8');
      expect(plist).toContain('com.apple.security.cs.allow-jit');
      expect(plist).not.toMatch(/disable-library-validation|allow-dyld-environment-variables|disable-executable-page-protection/);
    }
  });

  it('names an icon that exists and is a PNG of at least 512 pixels', () => {
    const icon = readFileSync(path.join(repoRoot, String(config.icon)));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });
});
