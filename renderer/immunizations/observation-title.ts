// A CDC observation's title as the person reads it: Spanish where CDC's title has been translated
// (renderer/i18n/cdc-observations-es.ts), with CDC's English kept as the source's own words.
import { CDC_OBSERVATIONS_ES } from '../i18n/cdc-observations-es.ts';
import type { I18n } from '../i18n/make.ts';

/** A CDC observation's title in the person's language; CDC's English, marked as such, when there is no translation. */
export function observationTitle(i18n: I18n, code: string, title: string): string {
  // In English CDC's own title is shown as the data has it (a newer release may reword it).
  if (i18n.lang === 'en') return title;
  return CDC_OBSERVATIONS_ES[code] ?? i18n.t('due_cdcTitle', { text: title });
}

/** CDC's own English beside a translated title (on hover); none where CDC's words are what is shown. */
export function observationSource(i18n: I18n, code: string, title: string): string | undefined {
  return i18n.lang !== 'en' && CDC_OBSERVATIONS_ES[code] ? i18n.t('due_cdcWords', { text: title }) : undefined;
}

