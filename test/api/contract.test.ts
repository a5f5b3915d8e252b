import { describe, expect, test } from 'vitest';
import { CHANNELS, CONTRACT } from '../../preload/contract.ts';
import { createRouter } from '../../main/api/router.ts';
import { fails, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

const MALFORMED: unknown[] = [42, 'text', [], { unexpectedField: true }, { profileId: '../../etc/passwd' }];

describe('the IPC contract', () => {
  test('every channel declares its error kinds and an input schema', () => {
    expect(CHANNELS.length).toBeGreaterThan(30);
    for (const channel of CHANNELS) {
      expect(Array.isArray(CONTRACT[channel].errors), channel).toBe(true);
      expect(typeof CONTRACT[channel].input.safeParse, channel).toBe('function');
    }
  });

  test('every channel rejects malformed input with one clear sentence before any handler runs', async () => {
    const api = testApi(tempDir());
    for (const channel of CHANNELS) {
      for (const input of MALFORMED) {
        const error = await fails(api, channel, input);
        expect(error.kind, `${channel} ${JSON.stringify(input)}`).toBe('invalid-input');
        expect(error.message, channel).toMatch(/^[A-Z].*\.$/);
        expect(error.message).not.toMatch(/zod|ZodError|\bat \w+ \(/);
      }
    }
  });

  test('an unknown channel is refused', async () => {
    const api = testApi(tempDir());
    const error = await fails(api, 'vault.dropEverything' as never, {});
    expect(error.kind).toBe('invalid-input');
  });

  test('a channel handled twice, or not at all, is a startup error', () => {
    const noop = () => null as never;
    const all = Object.fromEntries(CHANNELS.map((c) => [c, noop]));
    expect(() => createRouter([all], () => {})).not.toThrow();
    expect(() => createRouter([all, { 'vault.status': noop }], () => {})).toThrow(/handled twice/);
    const { 'vault.lock': _dropped, ...missingOne } = all;
    expect(() => createRouter([missingOne], () => {})).toThrow(/No handler for channel\(s\): vault.lock/);
  });

  test('health-data channels answer "locked" until the vault is unlocked', async () => {
    const api = testApi(tempDir());
    const error = await fails(api, 'profiles.list', {});
    expect(error.kind).toBe('locked');
  });
});
