// The visit summary: built as HTML by main/summary from the profile's entries, then printed
// or turned into a PDF by the platform (Electron's printToPDF, or Chromium outside it).
import type { ParsedInputOf } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { parseConnectAnswer } from '../medlineplus/index.ts';
import { ENTRY_KINDS } from '../records/model.ts';
import { buildVisitSummaryHtml, DEFAULT_SECTIONS, openQuestions, summaryItems, type EducationLink, type SummaryNote, type VisitSummaryInput } from '../summary/build.ts';
import type { StoredEntry } from '../records/model.ts';
import { listEntries } from '../vault/entries.ts';
import { removeAtomicWriteLeftovers, writeFileAtomic } from '../vault/files.ts';
import { educationCache, getProfileSetting, setProfileSetting } from '../vault/profile-settings.ts';
import { isDiskFull } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { vaccinesDueForSummary } from './immunizations.ts';
import { readSettings } from './settings.ts';
import type { HandlerModule } from './router.ts';

type SummaryOptions = ParsedInputOf<'summary.html'>;
const LAST_CHOICE = 'summary.lastChoice';

/** Links for the entries the user chose, from saved education only: printing never goes online. */
function educationLinks(ctx: ApiContext, options: SummaryOptions, entries: ReturnType<typeof listEntries>): EducationLink[] {
  const cache = educationCache(ctx.requireSession().profileDb(options.profileId));
  const links: EducationLink[] = [];
  for (const entryId of options.educationEntryIds) {
    const entry = entries.find((e) => e.id === entryId);
    if (!entry) continue;
    for (const code of entry.codes) {
      const cached = cache.get({ system: code.system, code: code.code, language: options.language });
      if (!cached) continue;
      const parsed = parseConnectAnswer(cached.body, options.language);
      const topic = parsed.ok ? parsed.topics[0] : undefined;
      if (topic) {
        links.push({ entryId, title: topic.title, url: topic.url });
        break;
      }
    }
  }
  return links;
}

/** A note as printed: its title, and its text when that says more. */
function noteOf(entry: StoredEntry): SummaryNote {
  const title = entry.title.trim();
  const comment = entry.details.comment?.trim() ?? '';
  const text = !comment || comment === title ? title : comment.startsWith(title) ? comment : `${title}\n${comment}`;
  return { id: entry.id, text, ...(entry.start ? { date: entry.start } : {}) };
}

/** What the summary is built from, for the printed page and for the list of items to choose. */
function summaryInput(ctx: ApiContext, options: Pick<SummaryOptions, 'profileId' | 'language' | 'chosenTrendTests'> & Partial<SummaryOptions>): VisitSummaryInput {
  const session = ctx.requireSession();
  const profile = session.getProfile(options.profileId);
  const db = session.profileDb(options.profileId);
  const entries = listEntries(db, ENTRY_KINDS);
  const notes = entries.filter((e) => e.kind === 'note').sort((a, b) => (b.start ?? '').localeCompare(a.start ?? '') || b.id - a.id);
  return {
    person: { name: profile.name, birthDate: profile.birthDate, ...(profile.sex ? { sex: profile.sex } : {}) },
    ...(options.preparedBy ? { preparedBy: options.preparedBy } : {}),
    printedOn: ctx.nowIso().slice(0, 10),
    language: options.language,
    units: readSettings(session).units,
    glucoseUnit: readSettings(session).glucoseUnit,
    paper: options.paper ?? 'Letter',
    sections: options.sections ?? DEFAULT_SECTIONS,
    entries,
    chosenTrendTests: options.chosenTrendTests,
    // A question the person unticked is left out like any item; with none left the page keeps lines to write on.
    questions: openQuestions(entries).filter((e) => !(options.excludedEntryIds ?? []).includes(e.id)).map((e) => e.title),
    ...(options.notesForClinician ? { notesForClinician: options.notesForClinician } : {}),
    clinicianNotes: notes.filter((e) => e.details.forClinician === true).map(noteOf),
    myNotes: notes.filter((e) => e.details.forClinician !== true).map(noteOf),
    excludedEntryIds: options.excludedEntryIds ?? [],
  };
}

export function summaryHtml(ctx: ApiContext, options: SummaryOptions): string {
  const input = summaryInput(ctx, options);
  setProfileSetting(ctx.requireSession().profileDb(options.profileId), LAST_CHOICE, JSON.stringify(options));
  return buildVisitSummaryHtml({
    ...input,
    education: educationLinks(ctx, options, input.entries),
    ...(options.sections.vaccinesDue ? { vaccinesDue: vaccinesDueForSummary(ctx.requireSession(), options.profileId, ctx.platform.now()) } : {}),
  });
}

export async function summaryPdf(ctx: ApiContext, options: SummaryOptions): Promise<Uint8Array> {
  const html = summaryHtml(ctx, options);
  try {
    return await ctx.platform.renderPdf(html, options.paper, options.language);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unavailable', 'The PDF could not be made on this computer.');
  }
}

/** Saves a file the user asked for: whole or not at all, never harming a file already there. */
export function writeUserFile(target: string, bytes: Uint8Array | string): void {
  try {
    // A save to this path cut short by a crash left its temporary file: it goes now.
    removeAtomicWriteLeftovers(target);
    writeFileAtomic(target, bytes);
  } catch (error) {
    if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the file was not saved.');
    throw new AppError('unavailable', 'The file could not be saved there; choose another folder.');
  }
}

export function summaryHandlers(ctx: ApiContext): HandlerModule {
  return {
    'summary.html': (options) => summaryHtml(ctx, options),
    'summary.pdf': async (options) => {
      const pdf = await summaryPdf(ctx, options);
      const profile = ctx.requireSession().getProfile(options.profileId);
      const target = await ctx.platform.chooseSavePath(`Visit summary - ${profile.name}.pdf`, 'pdf');
      if (!target) return null;
      writeUserFile(target, pdf);
      ctx.requireSession().audit(ctx.platform.now(), 'summary.pdf', options.profileId, 'Visit summary saved as PDF');
      return { savedTo: target };
    },
    'summary.print': async (options) => {
      const html = summaryHtml(ctx, options);
      await ctx.platform.print(html, options.paper);
      ctx.requireSession().audit(ctx.platform.now(), 'summary.print', options.profileId, 'Visit summary printed');
      return null;
    },
    'summary.items': (options) => summaryItems(summaryInput(ctx, options)),
    'summary.lastChoice': ({ profileId }) => {
      const raw = getProfileSetting(ctx.requireSession().profileDb(profileId), LAST_CHOICE);
      return raw ? (JSON.parse(raw) as SummaryOptions) : null;
    },
  };
}
