import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, BackingOffError, RequestGate } from '../../main/medlineplus/request-gate.ts';
import { FakeClock } from './helpers.ts';

describe('RequestGate', () => {
  it('runs tasks one at a time, at least a second apart, in the order asked', async () => {
    const clock = new FakeClock();
    const gate = new RequestGate(clock);
    const log: string[] = [];
    let running = 0;
    const task = (name: string) => async () => {
      running += 1;
      expect(running).toBe(1);
      log.push(`${name}@${clock.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running -= 1;
    };
    const start = clock.now();
    await Promise.all(['a', 'b', 'c'].map((name) => gate.run('host', task(name))));
    expect(log).toEqual([`a@${start}`, `b@${start + 1000}`, `c@${start + 2000}`]);
  });

  it('fails fast while a host is paused, for everything already queued too', async () => {
    const clock = new FakeClock();
    const gate = new RequestGate(clock);
    let ran = 0;
    const first = gate.run('host', async () => {
      ran += 1;
      gate.backOff('host', 'refused');
    });
    const queued = gate.run('host', async () => {
      ran += 1;
    });
    await first;
    await expect(queued).rejects.toBeInstanceOf(BackingOffError);
    expect(ran).toBe(1);
    expect(clock.slept).toEqual([]);
    // Another host is not affected.
    await gate.run('other-host', async () => {
      ran += 1;
    });
    expect(ran).toBe(2);
    clock.advance(BACKOFF_MS);
    expect(gate.backoffState('host')).toBeUndefined();
  });

  it('keeps going after a task throws', async () => {
    const gate = new RequestGate(new FakeClock());
    await expect(gate.run('host', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('host', async () => 'next')).resolves.toBe('next');
  });

  it('does not stall or stretch a pause when the clock is set back', async () => {
    const clock = new FakeClock();
    const gate = new RequestGate(clock);
    await gate.run('host', async () => undefined);
    gate.backOff('host', 'offline');
    clock.advance(-10 * 24 * 3600_000);
    const state = gate.backoffState('host');
    expect(state!.until - clock.now()).toBeLessThanOrEqual(BACKOFF_MS);
    clock.advance(BACKOFF_MS);
    await gate.run('host', async () => undefined);
    expect(Math.max(...clock.slept)).toBeLessThanOrEqual(1000);
  });
});
