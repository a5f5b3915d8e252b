// The coloured circle with a person's initials, shown wherever a record is open so a caregiver
// always sees whose record it is.
import type { Profile } from '../../preload/contract.ts';

/** Black or white initials, whichever reads better on the profile colour. */
function textColourOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  if (Number.isNaN(n)) return '#000';
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#111' : '#fff';
}

export function ProfileBadge({ profile, size = 'normal' }: { profile: Pick<Profile, 'colour' | 'initials'>; size?: 'normal' | 'large' }) {
  return (
    <span
      className={size === 'large' ? 'badge badge-large' : 'badge'}
      style={{ backgroundColor: profile.colour, color: textColourOn(profile.colour) }}
      aria-hidden="true"
    >
      {profile.initials}
    </span>
  );
}
