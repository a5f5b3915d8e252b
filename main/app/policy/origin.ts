// The app's one origin. The UI, its assets and the print pages are all served from here by the
// app:// protocol handler; nothing in the shell trusts any other origin.

export const APP_SCHEME = 'app';
export const APP_HOST = 'chartkeeper';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Parses a URL, or undefined when it is not one. */
export function parseUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * True for app://chartkeeper/… exactly. `URL.origin` is "null" for custom schemes in Node, so
 * the parts are compared one by one; credentials or a port mean someone is playing games.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return (
    url !== undefined &&
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
