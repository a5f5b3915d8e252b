// Emergency contacts: an optional field of a profile, kept in the profile's own encrypted file
// (so it travels with backups) and printed on the emergency card. Pure: parsing and limits.

export interface EmergencyContact {
  name: string;
  /** "Daughter", "Neighbour": as the person wrote it. */
  relation?: string;
  phone: string;
}

export const MAX_CONTACTS = 5;

/** Where a profile keeps them (profile settings, in the profile's own file). */
export const CONTACTS_SETTING = 'card.emergencyContacts';

/**
 * The stored contacts, read defensively: a value written by an older or damaged build yields
 * the contacts that are still whole, never an exception on the card or the settings screen.
 */
export function parseStoredContacts(raw: string | undefined): EmergencyContact[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const contacts: EmergencyContact[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { name, relation, phone } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof phone !== 'string' || !name.trim() || !phone.trim()) continue;
    contacts.push({ name: name.trim(), phone: phone.trim(), ...(typeof relation === 'string' && relation.trim() ? { relation: relation.trim() } : {}) });
  }
  return contacts.slice(0, MAX_CONTACTS);
}

/** Trimmed, empty relation left out: what is stored and printed. */
export function normaliseContacts(contacts: readonly EmergencyContact[]): EmergencyContact[] {
  return contacts.map((c) => ({
    name: c.name.trim(),
    phone: c.phone.trim(),
    ...(c.relation?.trim() ? { relation: c.relation.trim() } : {}),
  }));
}

const sameContact = (a: EmergencyContact, b: EmergencyContact) =>
  a.name.toLocaleLowerCase() === b.name.toLocaleLowerCase() &&
  a.phone.replace(/\D/g, '') === b.phone.replace(/\D/g, '') &&
  (a.relation ?? '').toLocaleLowerCase() === (b.relation ?? '').toLocaleLowerCase();

/**
 * This copy's contacts and another copy's together: each contact once (the same name, relation
 * and phone digits), this copy's first. What does not fit on a card is returned, not dropped.
 */
export function unionContacts(
  here: readonly EmergencyContact[],
  shared: readonly EmergencyContact[],
): { contacts: EmergencyContact[]; added: EmergencyContact[]; notAdded: EmergencyContact[] } {
  const contacts = [...here];
  const added: EmergencyContact[] = [];
  const notAdded: EmergencyContact[] = [];
  for (const contact of shared) {
    if (contacts.some((c) => sameContact(c, contact))) continue;
    if (contacts.length >= MAX_CONTACTS) notAdded.push(contact);
    else {
      contacts.push(contact);
      added.push(contact);
    }
  }
  return { contacts, added, notAdded };
}
