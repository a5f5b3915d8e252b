// Which links from a MedlinePlus answer Chartkeeper will show and open: only MedlinePlus pages
// over HTTPS. Everything in an answer is untrusted input.

const MAX_URL_LENGTH = 2048;
const ALLOWED_HOST = 'medlineplus.gov';
/** Plain host names only: a userinfo "@", a ":port", brackets or non-ASCII are all refused. */
const PLAIN_AUTHORITY = /^[A-Za-z0-9.-]+$/;

/**
 * True for `https://medlineplus.gov/...` and `https://<sub>.medlineplus.gov/...` written
 * plainly: no user name, no port, no backslashes, whitespace or control characters that
 * browsers and URL parsers read differently.
 */
export function isAllowedEducationUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return false;
   
  if (/[\s\\\u0000-\u001f\u007f]/.test(url)) return false;
  const prefix = 'https://';
  if (url.slice(0, prefix.length).toLowerCase() !== prefix) return false;
  const rest = url.slice(prefix.length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  if (!PLAIN_AUTHORITY.test(authority)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  const host = parsed.hostname.toLowerCase();
  if (host !== authority.toLowerCase()) return false;
  return host === ALLOWED_HOST || host.endsWith(`.${ALLOWED_HOST}`);
}

/**
 * MedlinePlus moved from www.nlm.nih.gov/medlineplus/ to medlineplus.gov (HTTPS only) in
 * about 2015; answers recorded before then link to the old addresses, which now redirect.
 */
const LEGACY_PREFIXES: readonly [RegExp, string][] = [
  [/^https?:\/\/www\.nlm\.nih\.gov\/medlineplus\//i, 'https://medlineplus.gov/'],
  [/^http:\/\/(www\.)?medlineplus\.gov\//i, 'https://medlineplus.gov/'],
];

/**
 * The address to show for a link found in an answer, or undefined when it is not an allowed
 * MedlinePlus page. Upgrades the known legacy MedlinePlus addresses, resolves site-relative
 * paths against medlineplus.gov, and removes the `utm_*` tracking parameters.
 */
export function normalizeEducationUrl(raw: string): string | undefined {
  let url = raw.trim();
  if (url.startsWith('/') && !url.startsWith('//')) url = `https://${ALLOWED_HOST}${url}`;
  for (const [pattern, replacement] of LEGACY_PREFIXES) {
    if (pattern.test(url)) {
      url = url.replace(pattern, replacement);
      break;
    }
  }
  if (!isAllowedEducationUrl(url)) return undefined;
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) {
    if (name.toLowerCase().startsWith('utm_')) parsed.searchParams.delete(name);
  }
  const cleaned = parsed.href;
  return isAllowedEducationUrl(cleaned) ? cleaned : undefined;
}
