// Emergency contacts: an optional field of a profile, kept in the profile's own encrypted file
// (so it travels with backups) and printed on the emergency card. Pure: parsing and limits.

export interface EmergencyContact {
  name: string;
  /** "Daughter", "Neighbour": as the person wrote it. */
  relation?: string;
  phone: string;
}

export const MAX_CONTACTS = 5;

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
