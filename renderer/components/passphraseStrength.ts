// A rough strength hint: length and variety, with a penalty for repeats. It guides; the
// contract only enforces the 8-character minimum.
export type Strength = 'weak' | 'fair' | 'good' | 'strong';

export function passphraseStrength(p: string): Strength {
  if (p.length < 8) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const unique = new Set(p.toLowerCase()).size;
  let score = Math.min(p.length, 40) / 4 + classes * 2 + words * 2;
  if (unique < 5) score -= 6;
  if (score >= 16) return 'strong';
  if (score >= 11) return 'good';
  if (score >= 6) return 'fair';
  return 'weak';
}
