// main/api: the one place the app's requests are answered. The Electron shell, the test
// bridge and the command line all call createApi() and go through the same router.
import { createContext, type ApiContext } from './context.ts';
import { describeDatabaseError } from './db-errors.ts';
import { documentHandlers } from './documents.ts';
import { labResultHandlers } from './lab-results.ts';
import { educationHandlers } from './education.ts';
import { immunizationHandlers } from './immunizations.ts';
import { exportHandlers } from './export.ts';
import { glanceHandlers } from './glance.ts';
import { importHandlers } from './import.ts';
import { appleHealthHandlers } from './apple-health.ts';
import { auditHandlers, dialogHandlers } from './misc.ts';
import type { Platform } from './platform.ts';
import { profileHandlers } from './profiles.ts';
import { profileUpdateHandlers } from './profile-update.ts';
import { recordHandlers } from './records.ts';
import { trendHandlers } from './trends.ts';
import { duplicateHandlers } from './duplicates.ts';
import { createRouter, type Router } from './router.ts';
import { sessionHandlers } from './session.ts';
import { settingsHandlers } from './settings.ts';
import { statementHandlers } from './statements.ts';
import { summaryHandlers } from './summary.ts';
import { cardHandlers } from './card.ts';
import { shareHandlers } from './share.ts';
import { vaultHandlers } from './vault.ts';
import { cardKeyHandlers } from './card-keys.ts';
import { csvMappingHandlers } from './csv-mapping.ts';

export type { Platform } from './platform.ts';
export type { Router } from './router.ts';

export interface Api extends Router {
  /** For the hosts only (auto-lock, CLI helpers); the renderer never sees it. */
  readonly context: ApiContext;
}

export function createApi(platform: Platform, onInternalError: (channel: string, error: unknown) => void = logInternalError): Api {
  const context = createContext(platform);
  const router = createRouter(
    [
      vaultHandlers(context),
      settingsHandlers(context),
      sessionHandlers(context),
      profileHandlers(context),
      profileUpdateHandlers(context),
      importHandlers(context),
      appleHealthHandlers(context),
      recordHandlers(context),
      trendHandlers(context),
      statementHandlers(context),
      duplicateHandlers(context),
      documentHandlers(context),
      labResultHandlers(context),
      educationHandlers(context),
      immunizationHandlers(context),
      summaryHandlers(context),
      cardHandlers(context),
      shareHandlers(context),
      exportHandlers(context),
      auditHandlers(context),
      glanceHandlers(context),
      dialogHandlers(context),
      csvMappingHandlers(context),
      cardKeyHandlers(context),
    ],
    onInternalError,
    (input, error) => describeDatabaseError(context, input, error),
  );
  return { ...router, context };
}

/** Internal errors are logged by kind and channel only: messages may quote health data. */
function logInternalError(channel: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  process.stderr.write(`chartkeeper: internal error in ${channel} (${name})\n`);
  if (process.env.CHARTKEEPER_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
}
