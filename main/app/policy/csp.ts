// The Content-Security-Policy of every page the app shows (the UI, its assets, the print pages,
// the error pages). Sent as a response header, not a <meta>, so no HTML the app serves can
// weaken it; the protocol handler sets it and the session sets it again on every response.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the summary's print styles set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // The renderer never talks to the network; every request goes through main.
  "connect-src 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers for an app:// response. `no-store` keeps health data out of every cache. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

type ResponseHeaders = Record<string, string | string[]>;

/**
 * A session.webRequest.onHeadersReceived listener: whatever produced a response, the renderer
 * gets it with our policy. The CSP global check is reviewed in test/app/csp.test.ts, which runs
 * the same evaluator over this policy: its one remark is that script-src 'self' is risky for
 * sites hosting JSONP, Angular or uploads, and app:// hosts none of those.
 */
export function enforceCsp(
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: ResponseHeaders }) => void,
): void {
  const headers: ResponseHeaders = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  callback({
    responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }, // eng-disable CSP_GLOBAL_CHECK
  });
}
