import { describe, expect, it } from 'vitest';
import { deviceName, isoTime, numberOf } from '../../main/importers/apple-health/types.ts';

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

describe('Apple Health values', () => {
  // What numberOf replaced: a value is a number exactly when this says so.
  const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  const expected = (text: string) => (NUMBER.test(text) ? Number(text) : undefined);

  it('reads what a device writes and refuses the rest', () => {
    expect(numberOf('72')).toBe(72);
    expect(numberOf('0.97')).toBe(0.97);
    expect(numberOf('-3.5')).toBe(-3.5);
    expect(numberOf('5.')).toBe(5);
    expect(numberOf('.5')).toBe(0.5);
    expect(numberOf('1e3')).toBe(1000);
    expect(numberOf('2.5E-2')).toBe(0.025);
    for (const text of ['', '-', '.', '-.', '1e', '1e+', 'e5', '+5', ' 5', '5 ', '1,5', 'Low', 'Infinity', 'NaN', '0x10', '١٢', '1.2.3', '--1', '1e5.5']) {
      expect(numberOf(text), text).toBeUndefined();
    }
    expect(numberOf(undefined)).toBeUndefined();
  });

  it('accepts exactly what the regular expression it replaced accepts', () => {
    // Every string of up to four characters from the ones that matter, and random longer ones.
    const alphabet = ['0', '7', '9', '-', '+', '.', 'e', 'E', 'x', ' '];
    const strings: string[] = [''];
    for (let length = 1; length <= 4; length++) {
      for (const s of strings.filter((t) => t.length === length - 1)) for (const c of alphabet) strings.push(s + c);
    }
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const length = 5 + (next() % 8);
      for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
      strings.push(s);
    }
    for (const text of strings) expect(numberOf(text), JSON.stringify(text)).toBe(expected(text));
  });
});
