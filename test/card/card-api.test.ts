// Emergency contacts through the one contract: validated at the boundary with one sentence,
// kept in the profile's own file (so another profile never sees them), audited.
import { describe, expect, test } from 'vitest';
import { fails, ok, testApi } from '../support/api.ts';
import { tempDir } from '../support/temp.ts';

async function twoProfiles() {
  const api = testApi(tempDir());
  await ok(api, 'vault.create', { passphrase: 'correct horse battery staple' });
  const mum = await ok(api, 'profiles.add', { name: 'Mum', birthDate: '1948-05-03' });
  const son = await ok(api, 'profiles.add', { name: 'Son', birthDate: '2015-02-01' });
  return { api, mum, son };
}

describe('emergency contacts', () => {
  test('saved trimmed, read back, one profile’s contacts never another’s, and each change audited', async () => {
    const { api, mum, son } = await twoProfiles();
    expect(await ok(api, 'card.contacts', { profileId: mum.id })).toEqual([]);
    const saved = await ok(api, 'card.setContacts', {
      profileId: mum.id,
      contacts: [{ name: '  Ruth  ', relation: ' ', phone: ' +44 (0)20 7946 0958 ' }, { name: 'GP surgery', phone: '555-0100 ext. 4' }],
    });
    expect(saved).toEqual([{ name: 'Ruth', phone: '+44 (0)20 7946 0958' }, { name: 'GP surgery', phone: '555-0100 ext. 4' }]);
    expect(await ok(api, 'card.contacts', { profileId: mum.id })).toEqual(saved);
    expect(await ok(api, 'card.contacts', { profileId: son.id })).toEqual([]);
    const audit = await ok(api, 'audit.list', {});
    expect(audit.filter((a) => a.action === 'card.setContacts')).toHaveLength(1);
    await ok(api, 'card.setContacts', { profileId: mum.id, contacts: [] });
    expect(await ok(api, 'card.contacts', { profileId: mum.id })).toEqual([]);
  });

  test('bad input gets one sentence and changes nothing', async () => {
    const { api, mum } = await twoProfiles();
    await ok(api, 'card.setContacts', { profileId: mum.id, contacts: [{ name: 'Ruth', phone: '555 0100' }] });
    const badPhone = await fails(api, 'card.setContacts', { profileId: mum.id, contacts: [{ name: 'Ruth', phone: 'call me' }] });
    expect(badPhone.kind).toBe('invalid-input');
    expect(badPhone.message).toContain('Write the phone number with digits');
    const noName = await fails(api, 'card.setContacts', { profileId: mum.id, contacts: [{ name: ' ', phone: '1' }] });
    expect(noName.message).toContain("Enter the contact's name.");
    const tooMany = await fails(api, 'card.setContacts', { profileId: mum.id, contacts: Array.from({ length: 6 }, () => ({ name: 'A', phone: '1' })) });
    expect(tooMany.message).toContain('at most 5');
    expect((await fails(api, 'card.contacts', { profileId: 'a'.repeat(20) })).kind).toBe('not-found');
    expect(await ok(api, 'card.contacts', { profileId: mum.id })).toEqual([{ name: 'Ruth', phone: '555 0100' }]);
  });

  test('the card is built from the profile: contacts, and a layout that is page or wallet only', async () => {
    const { api, mum } = await twoProfiles();
    await ok(api, 'card.setContacts', { profileId: mum.id, contacts: [{ name: 'Ruth', relation: 'Daughter', phone: '555 0100' }] });
    const html = await ok(api, 'card.html', { profileId: mum.id, layout: 'wallet', language: 'es' });
    expect(html).toContain('Ruth (Daughter)');
    expect(html).toContain('Tarjeta médica de emergencia');
    expect((await fails(api, 'card.html', { profileId: mum.id, layout: 'poster' })).kind).toBe('invalid-input');
  });
});
