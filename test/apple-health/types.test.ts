import { describe, expect, it } from 'vitest';
import { deviceName, isoTime } from '../../main/importers/apple-health/types.ts';

describe('Apple Health time stamps', () => {
  it('reads "YYYY-MM-DD hh:mm:ss ±hhmm" with its offset kept', () => {
    expect(isoTime('2026-03-07 20:00:00 -0500')).toBe('2026-03-07T20:00:00-05:00');
    expect(isoTime('1999-12-31 23:59:60 +0530')).toBe('1999-12-31T23:59:60+05:30');
    expect(isoTime('2026-01-01 00:00:00 +0000')).toBe('2026-01-01T00:00:00+00:00');
    // The same stamp twice (a reading's start and end) reads the same.
    expect(isoTime('2026-01-01 00:00:00 +0000')).toBe('2026-01-01T00:00:00+00:00');
  });

  it('reads a stamp cut from a chunk of the file, as a parser hands it over', () => {
    // A chunk holding a source name with ’ is a two-byte string, and so is every slice of it.
    const chunk = '<Record sourceName="Ana’s Apple Watch" startDate="2026-03-07 20:00:00 -0500" endDate="2026-03-07 20:05:00 +0130"/>';
    const attribute = (name: string) => chunk.slice(chunk.indexOf(`${name}="`) + name.length + 2, chunk.indexOf('"', chunk.indexOf(`${name}="`) + name.length + 2));
    expect(isoTime(attribute('startDate'))).toBe('2026-03-07T20:00:00-05:00');
    expect(isoTime(attribute('endDate'))).toBe('2026-03-07T20:05:00+01:30');
  });

  it('refuses any other shape or an impossible date or time', () => {
    for (const stamp of [
      '',
      '2026-03-07 20:00:00',
      '2026-03-07T20:00:00 -0500',
      '2026-03-07 20:00:00 -05:00',
      '2026-03-07 20:00:00 *0500',
      '2026/03/07 20:00:00 -0500',
      '2026-3-07 20:00:00 -0500',
      '2026-00-07 20:00:00 -0500',
      '2026-13-07 20:00:00 -0500',
      '2026-03-00 20:00:00 -0500',
      '2026-03-32 20:00:00 -0500',
      '2026-03-07 24:00:00 -0500',
      '2026-03-07 20:60:00 -0500',
      '2026-03-07 20:00:61 -0500',
      '2026-03-07 20:00:00 -0500 ',
      '２026-03-07 20:00:00 -0500',
      '2026-03-07 2a:00:00 -0500',
    ]) {
      expect(isoTime(stamp), stamp).toBeUndefined();
    }
  });
});

describe('Apple Health device names', () => {
  const watch = '<<HKDevice: 0x300d1a2b0>, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,1, software:10.2>';
  const cuff = '<<HKDevice: 0x3009>, name:BP7000, manufacturer:Omron>';
  it('names the device, alternating devices included', () => {
    expect(deviceName(watch)).toBe('Apple Watch');
    expect(deviceName(watch)).toBe('Apple Watch');
    expect(deviceName(cuff)).toBe('BP7000');
    expect(deviceName(watch)).toBe('Apple Watch');
    expect(deviceName('<<HKDevice: 0x1>, manufacturer:Omron>')).toBeUndefined();
    expect(deviceName(cuff)).toBe('BP7000');
    expect(deviceName(undefined)).toBeUndefined();
  });
});
