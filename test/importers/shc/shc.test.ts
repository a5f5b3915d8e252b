import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../main/importers/errors.ts';
import { parseSmartHealthCards } from '../../../main/importers/shc/index.ts';
import { MAX_PAYLOAD_BYTES } from '../../../main/importers/shc/jws.ts';
import { b64, CARD_ISSUER, cardBundle as bundle, cardKeys, signedCard } from '../../support/health-card.ts';

const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus/shc/health-cards');

const ISSUER = CARD_ISSUER;
const jwks = { file: cardKeys.keys, fileCrls: [], kept: [] };
const card = signedCard;

function qr(jws: string): string {
  return [...jws].map((c) => String(c.charCodeAt(0) - 45).padStart(2, '0')).join('');
}

describe('SMART Health Cards', () => {
  it('reads a card file: the immunization through the FHIR mapping, the issuer as provider, the issue day', () => {
    const parsed = parseSmartHealthCards({ verifiableCredential: [card()] }, jwks);
    expect(parsed.cards).toEqual([{ issuer: ISSUER, signature: 'verified', types: ['https://smarthealth.cards#health-card', 'https://smarthealth.cards#immunization'] }]);
    const doc = parsed.documents[0]!;
    expect(doc.patient).toMatchObject({ family: 'Fixture', birthDate: '1960-01-20' });
    expect(doc.document).toMatchObject({ title: 'SMART Health Card (signature valid)', variant: 'SMART Health Card (immunization)', authorOrganization: ISSUER, date: '2021-04-07' });
    expect(doc.records).toHaveLength(1);
    expect(doc.records[0]).toMatchObject({ kind: 'immunization', start: '2021-04-02', details: { lotNumber: 'EW0182' } });
    expect(doc.records[0]!.codes[0]).toMatchObject({ code: '208' });
    expect(doc.problems[0]!.reason).toMatch(/signature was checked .* and is valid/);
  });

  it('says plainly that the signature was not checked when no keys are given', () => {
    const parsed = parseSmartHealthCards(card());
    expect(parsed.cards[0]!.signature).toBe('not-checked');
    expect(parsed.documents[0]!.problems[0]!.reason).toMatch(/^Signature not checked/);
    expect(parsed.documents[0]!.document.title).toBe('SMART Health Card (signature not checked)');
  });

  it('flags a tampered card whose signature no longer matches', () => {
    const [h, , s] = card().split('.');
    const other = card({ iss: ISSUER, nbf: 1, vc: { type: ['https://smarthealth.cards#health-card'], credentialSubject: { fhirBundle: bundle } } }).split('.')[1];
    const parsed = parseSmartHealthCards(`${h}.${other}.${s}`, jwks);
    expect(parsed.cards[0]!.signature).toBe('invalid');
    expect(parsed.documents[0]!.problems[0]!.reason).toMatch(/^Warning: this card's signature does not match/);
    expect(parsed.documents[0]!.document.title).toBe('SMART Health Card (signature does not match: possibly altered)');
  });

  it('joins chunked QR texts in any order and reads the whole card', () => {
    const digits = qr(card());
    const third = Math.ceil(digits.length / 6) * 2;
    const parts = [digits.slice(0, third), digits.slice(third, 2 * third), digits.slice(2 * third)];
    const text = [`shc:/3/3/${parts[2]}`, `shc:/1/3/${parts[0]}`, `shc:/2/3/${parts[1]}`].join('\n');
    const parsed = parseSmartHealthCards(text, jwks);
    expect(parsed.cards[0]!.signature).toBe('verified');
    expect(parsed.documents[0]!.records).toHaveLength(1);
    expect(parseSmartHealthCards(`shc:/${digits}`, jwks).cards[0]!.signature).toBe('verified');
  });

  it('refuses a corrupt card and an oversized payload with one sentence', () => {
    expect(() => parseSmartHealthCards('eyJhbGciOiJFUzI1NiJ9.!!!.abc')).toThrow(ImportError);
    expect(() => parseSmartHealthCards({ verifiableCredential: ['not a jws'] })).toThrow(/damaged/);
    const header = b64(JSON.stringify({ zip: 'DEF', alg: 'ES256', kid: 'test-key' }));
    const bomb = b64(deflateRawSync(Buffer.alloc(MAX_PAYLOAD_BYTES + 10, 32)));
    expect(() => parseSmartHealthCards(`${header}.${bomb}.AAAA`)).toThrow(/more than 1 MB/);
    expect(() => parseSmartHealthCards(`shc:/1234567`)).toThrow(/QR text is damaged/);
  });

  it.skipIf(!existsSync(corpus))('reads the public example card: three COVID-19 doses by CVX code', () => {
    const file = JSON.parse(readFileSync(path.join(corpus, 'example-00-e-file.smart-health-card'), 'utf8')) as unknown;
    const doc = parseSmartHealthCards(file).documents[0]!;
    expect(doc.document.authorOrganization).toBe('https://spec.smarthealth.cards/examples/issuer');
    expect(doc.records.map((r) => [r.kind, r.codes[0]?.code, r.start])).toEqual([
      ['immunization', '207', '2021-01-01'],
      ['immunization', '207', '2021-01-29'],
      ['immunization', '229', '2022-09-05'],
    ]);
    expect(doc.patient.birthDate).toBe('1951-01-20');
  });
});

describe('the signature sentence names the key and where it came from, or why it was not checked', () => {
  const fetchedIssuer = { issuer: ISSUER, keys: jwks.file, crls: [], fetched: { url: `${ISSUER}/.well-known/jwks.json`, at: '2026-03-01T12:00:00.000Z', kids: ['test-key'] } };

  it('says a key fetched now, and one kept after an earlier fetch, with its address', () => {
    const now = parseSmartHealthCards(card(), { file: [], fileCrls: [], kept: [], fetched: [fetchedIssuer], online: true });
    expect(now.documents[0]!.problems[0]!.reason).toBe(`The card's signature was checked with key test-key fetched from ${ISSUER}/.well-known/jwks.json of ${ISSUER} and is valid (the issuer publishes no revocation list for this key, so there was none to check).`);
    const kept = parseSmartHealthCards(card(), { file: [], fileCrls: [], kept: [fetchedIssuer], online: false });
    expect(kept.documents[0]!.problems[0]!.reason).toMatch(/with key test-key kept in Chartkeeper \(fetched from https:\/\/issuer\.example\.org\/cards\/\.well-known\/jwks\.json on 2026-03-01\)/);
  });

  it('says why: lookups off, the issuer offline, or its key set lacking the card’s key', () => {
    const reason = (keys: Parameters<typeof parseSmartHealthCards>[1]) => parseSmartHealthCards(card(), keys).documents[0]!.problems[0]!.reason;
    expect(reason({ file: [], fileCrls: [], kept: [], online: false })).toMatch(/^Signature not checked: no key of .* online lookups are off, so Chartkeeper did not fetch one\.$/);
    expect(reason({ file: [], fileCrls: [], kept: [], online: true, unavailable: [{ issuer: ISSUER, reason: 'offline' }] })).toMatch(/could not be fetched \(the computer is offline/);
    expect(reason({ file: [], fileCrls: [], kept: [], online: true, fetched: [{ ...fetchedIssuer, keys: [{ ...jwks.file[0], kid: 'other' }] }] })).toMatch(/do not include test-key, the key that signed this card\.$/);
  });
});

describe('what a checked card says about revocation', () => {
  const announced = (crlVersion: number) => [{ ...jwks.file[0], crlVersion }];
  const check = (keys: Parameters<typeof parseSmartHealthCards>[1]) => parseSmartHealthCards(card(), keys).documents[0]!;

  it('a key announcing no list: the issuer publishes none, which is not a failure', () => {
    const doc = check({ file: jwks.file, fileCrls: [], kept: [], online: true });
    expect(doc.healthCard).toMatchObject({ signature: 'verified', revocationChecked: false, revocationNote: 'no-list' });
  });

  it('a list announced and not had: lookups off, not fetched, or the fetch failed, each with its own sentence', () => {
    expect(check({ file: announced(3), fileCrls: [], kept: [], online: false }).healthCard).toMatchObject({ revocationChecked: false, revocationNote: 'online-off' });
    expect(check({ file: announced(3), fileCrls: [], kept: [] }).healthCard).toMatchObject({ revocationChecked: false, revocationNote: 'not-fetched' });
    for (const reason of ['offline', 'timeout', 'refused', 'too-large', 'malformed'] as const) {
      const doc = check({ file: announced(3), fileCrls: [], kept: [], online: true, crlUnavailable: [{ issuer: ISSUER, kid: 'test-key', reason }] });
      expect(doc.healthCard).toMatchObject({ signature: 'verified', revocationChecked: false, revocationNote: reason });
      expect(doc.problems[0]!.reason).toMatch(/revocation was not checked: the issuer’s revocation list could not be fetched \(.+\)\)\.$/);
    }
    const timedOut = check({ file: announced(3), fileCrls: [], kept: [], online: true, crlUnavailable: [{ issuer: ISSUER, kid: 'test-key', reason: 'timeout' }] });
    expect(timedOut.problems[0]!.reason).toContain('(the issuer did not answer within 10 seconds)');
    // Another key's failure is not this card's.
    expect(check({ file: announced(3), fileCrls: [], kept: [], online: true, crlUnavailable: [{ issuer: ISSUER, kid: 'other', reason: 'offline' }] }).healthCard?.revocationNote).toBe('not-fetched');
  });

  it('an older list at hand is checked, and the newer one’s failure is said beside it', () => {
    const doc = check({ file: announced(3), fileCrls: [{ kid: 'test-key', ctr: 2, rids: [] }], kept: [], online: true, crlUnavailable: [{ issuer: ISSUER, kid: 'test-key', reason: 'refused' }] });
    expect(doc.healthCard).toMatchObject({ signature: 'verified', revocationChecked: true, revocationNote: 'refused' });
    expect(doc.problems[0]!.reason).toContain('not on the revocation list kept; the newer list its key announces could not be fetched (the issuer refused the request)');
    const current = check({ file: announced(2), fileCrls: [{ kid: 'test-key', ctr: 2, rids: [] }], kept: [], online: true });
    expect(current.healthCard).toMatchObject({ revocationChecked: true });
    expect(current.healthCard?.revocationNote).toBeUndefined();
  });

  it('a kept key set that could not be fetched again: checked with the kept keys, and said so', () => {
    const kept = { issuer: ISSUER, keys: jwks.file, crls: [], fetched: { url: `${ISSUER}/.well-known/jwks.json`, at: '2026-01-05T09:00:00.000Z', kids: ['test-key'] } };
    const doc = check({ file: [], fileCrls: [], kept: [kept], online: true, unavailable: [{ issuer: ISSUER, reason: 'timeout' }] });
    expect(doc.healthCard).toMatchObject({ signature: 'verified', keyFrom: 'kept', keyRefreshFailed: 'timeout' });
    expect(doc.problems[0]!.reason).toMatch(/The issuer’s current keys could not be fetched \(the issuer did not answer within 10 seconds\), so the keys kept in Chartkeeper \(fetched on 2026-01-05\) were used\.$/);
  });
});

describe.skipIf(!existsSync(corpus))('the example cards checked against their content, field by field', () => {
  const doses = (file: string) => {
    const parsed = parseSmartHealthCards(JSON.parse(readFileSync(path.join(corpus, file), 'utf8')));
    const doc = parsed.documents[0]!;
    return {
      doc,
      doses: doc.records.map((r) => [r.kind, r.codes.map((c) => `${c.system}|${c.code}`).join(' '), r.start, r.status, r.details.lotNumber, r.details.performers]),
    };
  };

  it('example-03 (the revoked example): Johnny Revoked, two CVX 207 doses with their lots, the issuer as provider, issued 2023-06-22', () => {
    const { doc, doses: list } = doses('example-03-e-file.smart-health-card');
    expect(doc.patient).toMatchObject({ family: 'Revoked', given: ['Johnny'], birthDate: '1960-04-22' });
    expect(doc.document).toMatchObject({ authorOrganization: 'https://spec.smarthealth.cards/examples/issuer', date: '2023-06-22' });
    expect(list).toEqual([
      ['immunization', 'CVX|207', '2021-03-01', 'completed', '0000003', ['ABC General Hospital']],
      ['immunization', 'CVX|207', '2021-03-29', 'completed', '0000009', ['ABC General Hospital']],
    ]);
  });

  it('example-02 (a lab card): the CBC panel\'s members, which give no time of their own, are of the panel\'s time, with their ranges and flags', () => {
    const { doc } = doses('example-02-e-file.smart-health-card');
    const result = (code: string) => doc.records.find((r) => r.codes[0]?.code === code)!;
    // Observation 718-7: 176 g/L (135-180), in panel 58410-2 of 2015-08-16T06:40:17Z.
    expect([result('718-7').start, result('718-7').value?.text, result('718-7').value?.unit, result('718-7').referenceRange]).toEqual(['2015-08-16T06:40:17Z', '176', 'g/L', { low: 135, high: 180, unit: 'g/L', text: '135-180' }]);
    // Observation 4544-3: 55 % (38-52), interpretation H.
    expect([result('4544-3').start, result('4544-3').value?.text, result('4544-3').interpretation]).toEqual(['2015-08-16T06:40:17Z', '55', 'H']);
    expect(doc.records.filter((r) => r.kind === 'result' && !r.start)).toEqual([]);
  });

  it('example-01 (signed with the x5c key) holds the same three doses as example-00', () => {
    const expected = [
      ['immunization', 'CVX|207', '2021-01-01', 'completed', '0000001', ['ABC General Hospital']],
      ['immunization', 'CVX|207', '2021-01-29', 'completed', '0000007', ['ABC General Hospital']],
      ['immunization', 'CVX|229', '2022-09-05', 'completed', '0000001', ['ABC General Hospital']],
    ];
    expect(doses('example-01-e-file.smart-health-card').doses).toEqual(expected);
    expect(doses('example-00-e-file.smart-health-card').doses).toEqual(expected);
  });
});
