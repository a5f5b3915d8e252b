// An advance directive's provision in the reader's language: whether it agrees to or refuses
// what it names, with what it names in the source's own words (never translated).

import type { EntryDetails } from '../model.ts';

const WORDS = {
  en: { permit: (what: string) => `Agrees to: ${what}`, deny: (what: string) => `Refuses: ${what}`, permitAlone: 'Agrees', denyAlone: 'Refuses' },
  es: { permit: (what: string) => `Acepta: ${what}`, deny: (what: string) => `Rechaza: ${what}`, permitAlone: 'Acepta', denyAlone: 'Rechaza' },
} as const;

/**
 * "Refuses: Cardiopulmonary resuscitation"; with no permit/deny in the source, its words alone
 * ("Not for resuscitation": the code already says which). A type other than permit or deny is
 * kept as written before the words.
 */
export function provisionWords(details: Pick<EntryDetails, 'provision' | 'provisionText' | 'provisionCodes'>, language: 'en' | 'es' = 'en'): string | undefined {
  const what = details.provisionText?.trim() || details.provisionCodes?.map((c) => c.display ?? `${c.system} ${c.code}`).join(', ') || undefined;
  const type = details.provision?.trim().toLowerCase();
  const words = WORDS[language === 'es' ? 'es' : 'en'];
  if (type === 'permit') return what ? words.permit(what) : words.permitAlone;
  if (type === 'deny') return what ? words.deny(what) : words.denyAlone;
  if (details.provision?.trim()) return what ? `${details.provision.trim()}: ${what}` : details.provision.trim();
  return what;
}
