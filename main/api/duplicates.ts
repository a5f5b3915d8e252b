// Possible duplicates and merges made by hand: the review page's list, Merge / Keep apart,
// undoing a merge, and separating one source from an entry (issue 15).
import { AppError } from '../errors.ts';
import type { StoredEntry } from '../records/model.ts';
import { getEntry } from '../vault/entries.ts';
import { countOpenDuplicates, listDuplicatePairs, listMerges, mergeEntries, setKeptApart, splitSource, undoMerge } from '../vault/merges.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';

function mustGet(entry: StoredEntry | undefined): StoredEntry {
  if (!entry) throw new AppError('not-found', 'That entry is no longer in this profile.');
  return entry;
}

export function duplicateHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'records.merge': ({ profileId, keepEntryId, mergeEntryId }) => {
      const conn = db(profileId);
      const mergeId = mergeEntries(conn, keepEntryId, mergeEntryId, ctx.nowIso());
      return { entry: mustGet(getEntry(conn, keepEntryId)), mergeId };
    },
    'records.split': ({ profileId, entryId, sourceId }) => splitSource(db(profileId), entryId, sourceId, ctx.nowIso()),
    'records.dismissDuplicate': ({ profileId, entryId, otherEntryId }) => {
      setKeptApart(db(profileId), entryId, otherEntryId, true);
      return null;
    },
    'duplicates.reviewAgain': ({ profileId, entryId, otherEntryId }) => {
      setKeptApart(db(profileId), entryId, otherEntryId, false);
      return null;
    },
    'duplicates.list': ({ profileId, keptApart }) => listDuplicatePairs(db(profileId), keptApart),
    'duplicates.count': ({ profileId }) => countOpenDuplicates(db(profileId)),
    'duplicates.ofEntry': ({ profileId, entryId }) => listDuplicatePairs(db(profileId), false, entryId),
    'duplicates.merges': ({ profileId }) => listMerges(db(profileId)),
    'duplicates.undoMerge': ({ profileId, mergeId }) => undoMerge(db(profileId), mergeId, ctx.nowIso()),
  };
}
