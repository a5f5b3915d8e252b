// Which links may leave the app for the system browser: https pages on MedlinePlus only
// (education links are the only links the app shows). Everything else is dropped silently.
import { parseUrl } from './origin.ts';

export const EXTERNAL_HOSTS: readonly string[] = ['medlineplus.gov'];

/**
 * The normalized URL to hand to the system browser, or null when the link is not allowed.
 * `URL` punycodes IDN hosts and strips tabs and newlines, so a lookalike host never equals
 * an allowed one, and the normalized href (not the raw string) is what gets opened.
 */
export function externalUrlToOpen(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  const url = parseUrl(raw);
  if (!url) return null;
  if (url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  const host = url.hostname;
  const allowed = EXTERNAL_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  return allowed ? url.href : null;
}

export function isAllowedExternalUrl(raw: unknown): boolean {
  return externalUrlToOpen(raw) !== null;
}
