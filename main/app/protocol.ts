// Serves the UI over app://chartkeeper instead of file:// (Electron security checklist #18).
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { respondToAppRequest } from './policy/app-protocol.ts';
import { APP_SCHEME } from './policy/origin.ts';
import type { TokenStore } from './policy/tokens.ts';

/** Must run before the app is ready. No bypassCSP, no service workers. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveApp(session: Session, rendererRoot: string, printPages: TokenStore<string>): void {
  session.protocol.handle(APP_SCHEME, (request) =>
    respondToAppRequest(request.method, request.url, {
      rendererRoot,
      readFile: (filePath) => readFile(filePath),
      printPage: (id) => printPages.get(id),
    }),
  );
}
