import { describe, expect, it } from 'vitest';
import type { Result } from '../../preload/contract.ts';
import { LOCK_POWER_EVENTS, shouldIdleLock } from '../../main/app/policy/idle-lock.ts';
import { downloadPrompt, installPrompt, UPDATER_SETTINGS, updateChecksAllowed } from '../../main/app/policy/updates.ts';

const settings = (value: Record<string, unknown>): Result<unknown> => ({ ok: true, value });
const locked: Result<unknown> = { ok: false, error: { kind: 'locked', message: 'Unlock your vault first.' } };

describe('UPDATER_SETTINGS', () => {
  it('never downloads, installs, downgrades or takes prereleases on its own', () => {
    expect(UPDATER_SETTINGS).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: false,
      allowDowngrade: false,
      allowPrerelease: false,
      forceDevUpdateConfig: false,
    });
  });
});

describe('updateChecksAllowed', () => {
  it('allows a check only when unlocked and the user turned checks on', () => {
    expect(updateChecksAllowed(settings({ updateChecks: true, language: 'en' }))).toBe(true);
    expect(updateChecksAllowed(settings({ updateChecks: false }))).toBe(false);
    expect(updateChecksAllowed(settings({}))).toBe(false);
    expect(updateChecksAllowed(settings({ updateChecks: 'yes' }))).toBe(false);
    expect(updateChecksAllowed(locked)).toBe(false);
    expect(updateChecksAllowed({ ok: true, value: null })).toBe(false);
  });
});

describe('update prompts', () => {
  it.each([downloadPrompt('1.2.3'), installPrompt('1.2.3')])('name the version and default to asking, with a way out', (prompt) => {
    expect(prompt.message).toContain('1.2.3');
    expect(prompt.buttons).toHaveLength(2);
    expect(prompt.cancelId).toBe(1);
    expect(prompt.buttons[prompt.cancelId]).toMatch(/not now|later/i);
  });
});

describe('shouldIdleLock', () => {
  it('locks once the machine has been idle for the chosen minutes', () => {
    expect(shouldIdleLock(5 * 60, settings({ idleLockMinutes: 5 }))).toBe(true);
    expect(shouldIdleLock(5 * 60 - 1, settings({ idleLockMinutes: 5 }))).toBe(false);
  });

  it('does nothing while locked or without a usable setting', () => {
    expect(shouldIdleLock(10_000, locked)).toBe(false);
    expect(shouldIdleLock(10_000, settings({}))).toBe(false);
    expect(shouldIdleLock(10_000, settings({ idleLockMinutes: 0 }))).toBe(false);
  });

  it('locks on screen lock and suspend', () => {
    expect([...LOCK_POWER_EVENTS].sort()).toEqual(['lock-screen', 'suspend']);
  });
});
