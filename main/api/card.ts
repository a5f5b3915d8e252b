// The emergency card and the emergency contacts it prints. Contacts live in the profile's own
// encrypted file; the card is built by main/card and printed by the platform like the visit
// summary, set tighter until it fits one page.
import type { ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { buildEmergencyCardHtml, CARD_DENSITIES } from '../card/build.ts';
import { CONTACTS_SETTING as CONTACTS, normaliseContacts, parseStoredContacts, type EmergencyContact } from '../card/contacts.ts';
import { ENTRY_KINDS } from '../records/model.ts';
import { listEntries } from '../vault/entries.ts';
import { getProfileSetting, setProfileSetting } from '../vault/profile-settings.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { readSettings } from './settings.ts';
import type { HandlerModule } from './router.ts';
import { writeUserFile } from './summary.ts';

type CardOptions = ParsedInputOf<'card.html'>;

function readContacts(ctx: ApiContext, profileId: string): EmergencyContact[] {
  return parseStoredContacts(getProfileSetting(ctx.requireSession().profileDb(profileId), CONTACTS));
}

function cardHtml(ctx: ApiContext, options: CardOptions, density: (typeof CARD_DENSITIES)[number] = 0): string {
  const session = ctx.requireSession();
  const profile = session.getProfile(options.profileId);
  const db = session.profileDb(options.profileId);
  return buildEmergencyCardHtml({
    person: { name: profile.name, birthDate: profile.birthDate, ...(profile.sex ? { sex: profile.sex } : {}) },
    contacts: readContacts(ctx, options.profileId),
    entries: listEntries(db, ENTRY_KINDS),
    printedOn: ctx.nowIso().slice(0, 10),
    language: options.language ?? readSettings(session).language,
    paper: options.paper,
    layout: options.layout,
    density,
  });
}

/** Pages in a PDF as Chromium writes it: one `/Type /Page` object per page. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

async function cardPdf(ctx: ApiContext, options: CardOptions): Promise<Uint8Array> {
  const language = options.language ?? readSettings(ctx.requireSession()).language;
  const render = async (html: string) => {
    try {
      return await ctx.platform.renderPdf(html, options.paper, language);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('unavailable', 'The PDF could not be made on this computer.');
    }
  };
  // Wallet cards run onto as many rows as the record needs; the sheet must stay one page, so
  // it is set tighter until it fits (a record too long even at the smallest size prints on two).
  if (options.layout === 'wallet') return render(cardHtml(ctx, options));
  let pdf: Uint8Array | undefined;
  for (const density of CARD_DENSITIES) {
    pdf = await render(cardHtml(ctx, options, density));
    if (countPdfPages(pdf) <= 1) break;
  }
  return pdf!;
}

export function cardHandlers(ctx: ApiContext): HandlerModule {
  return {
    'card.contacts': ({ profileId }) => {
      ctx.requireSession().getProfile(profileId);
      return readContacts(ctx, profileId);
    },
    'card.setContacts': ({ profileId, contacts }) => {
      const session = ctx.requireSession();
      session.getProfile(profileId);
      const stored = normaliseContacts(contacts);
      try {
        setProfileSetting(session.profileDb(profileId), CONTACTS, JSON.stringify(stored));
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the emergency contacts were not saved.');
        throw error;
      }
      session.audit(ctx.platform.now(), 'card.setContacts', profileId, 'Emergency contacts changed');
      return stored;
    },
    'card.html': (options) => cardHtml(ctx, options),
    'card.pdf': async (options) => {
      const pdf = await cardPdf(ctx, options);
      const profile = ctx.requireSession().getProfile(options.profileId);
      const target = await ctx.platform.chooseSavePath(
        `${options.layout === 'wallet' ? 'Wallet card' : 'Emergency card'} - ${profile.name}.pdf`,
        'pdf',
      );
      if (!target) return null;
      writeUserFile(target, pdf);
      ctx.requireSession().audit(ctx.platform.now(), 'card.pdf', options.profileId, 'Emergency card saved as PDF');
      return { savedTo: target };
    },
  };
}
