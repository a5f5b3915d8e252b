// One passphrase, whatever keyboard typed it. "é" can arrive as one code point (NFC, most
// keyboards) or as "e" plus a combining accent (NFD, some keyboards and input methods); the
// key derivation sees bytes, so the two would be different passphrases. Every key is derived
// from the NFC form. Vaults and backups made before that were keyed with the bytes as typed,
// so opening tries the NFC form first and then the bytes as typed; the next passphrase change
// moves such a vault to the NFC form.

/** The form every new key is derived from. */
export function normalisePassphrase(typed: string): string {
  return typed.normalize('NFC');
}

/** The forms to try when opening, most likely first, without repeats. */
export function passphraseCandidates(typed: string): string[] {
  const nfc = normalisePassphrase(typed);
  return nfc === typed ? [nfc] : [nfc, typed];
}
