// The test bridge's JSON-with-bytes codec (test/bridge/codec.ts): the quick paths must give
// exactly what the deep-copying encodeValue/decodeValue give.
import { describe, expect, test } from 'vitest';
import { decodeJson, decodeValue, encodeJson, encodeValue } from './codec.ts';

const page = {
  items: [
    { id: 1, kind: 'result', title: 'Hemoglobin A1c', date: '2024-03-01', providers: ['Good Health Clinic'], sourceCount: 1, manual: false },
    { id: 2, kind: 'note', title: 'Ñandú “quoted” \\ back\\slash', providers: [], sourceCount: 2, manual: true, value: null },
  ],
  nextCursor: 'abc',
};

describe('bridge codec', () => {
  test('plain data: encodeJson matches the deep encoder and decodeJson gives the same value back', () => {
    expect(encodeJson(page)).toBe(JSON.stringify(encodeValue(page)));
    expect(decodeJson(encodeJson(page))).toEqual(page);
  });

  test('bytes at any depth, Buffers included, cross as {$bytes} and come back as Uint8Array', () => {
    const value = { name: 'a.pdf', bytes: new Uint8Array([0, 1, 2, 255]), nested: [{ b: Buffer.from('hi') }] };
    const text = encodeJson(value);
    expect(text).toBe(JSON.stringify(encodeValue(value)));
    expect(JSON.parse(text)).toEqual({ name: 'a.pdf', bytes: { $bytes: 'AAEC/w==' }, nested: [{ b: { $bytes: 'aGk=' } }] });
    const back = decodeJson(text) as { bytes: Uint8Array; nested: { b: Uint8Array }[] };
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([0, 1, 2, 255]);
    expect(new TextDecoder().decode(back.nested[0]!.b)).toBe('hi');
  });

  test('"__proto__" keys are dropped, however they are written', () => {
    for (const text of ['{"a":1,"__proto__":{"polluted":true}}', '{"a":1,"\\u005f_proto__":{"polluted":true}}']) {
      const value = decodeJson(text) as Record<string, unknown>;
      expect(value).toEqual(decodeValue(JSON.parse(text)));
      expect(Object.keys(value)).toEqual(['a']);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  test('a {$bytes} key written with escapes still decodes to bytes', () => {
    const value = decodeJson('{"f":{"\\u0024bytes":"AAE="}}') as { f: Uint8Array };
    expect([...value.f]).toEqual([0, 1]);
  });
});
