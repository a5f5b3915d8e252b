// Reading the record: timeline, search, record views, documents and trends, plus the
// entries a person types in by hand and the review of possible duplicates.
import type { SourceDocument, TrendSeries } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { attachmentText } from '../records/attachment-text.ts';
import type { Attachment, RecordDraft, StoredEntry } from '../records/model.ts';
import { blockingKeys, mergeDrafts } from '../records/reconcile.ts';
import { seriesFromFacts, seriesLoincs, trendableTestsFromFacts } from '../records/trends.ts';
import { deleteEntry, getEntry, insertEntry, listEntries, listTrendFacts, moveProvenance, readDraft, recountSources, updateEntry } from '../vault/entries.ts';
import { getSource, listSources, manualSourceId, MANUAL_PROVIDER } from '../vault/sources.ts';
import { listProviders, searchEntries, timelinePage } from '../vault/timeline.ts';
import type { Connection } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import type { HandlerModule } from './router.ts';
import { writeUserFile } from './summary.ts';

function mustGet(entry: StoredEntry | undefined): StoredEntry {
  if (!entry) throw new AppError('not-found', 'That entry is no longer in this profile.');
  return entry;
}

function attachmentOf(conn: Connection, sourceId: number, index: number): Attachment {
  const attachment = getSource(conn, sourceId)?.document.attachments[index];
  if (!attachment) throw new AppError('not-found', 'That attachment is no longer in this profile.');
  return attachment;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'text/plain': 'txt', 'text/rtf': 'rtf', 'application/rtf': 'rtf', 'text/html': 'html', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

function attachmentFileName(attachment: Attachment): string {
  const base = (attachment.title ?? 'attachment').replace(/[^\p{L}\p{N} ._-]+/gu, '_').slice(0, 80) || 'attachment';
  const ext = EXTENSIONS[attachment.mediaType.toLowerCase()] ?? 'bin';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}


export function recordHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'timeline.page': ({ profileId, filter, cursor, limit }) => timelinePage(db(profileId), filter, cursor, limit),
    'timeline.providers': ({ profileId }) => listProviders(db(profileId)),
    'search.entries': ({ profileId, text, limit }) => searchEntries(db(profileId), text, limit),

    'records.list': ({ profileId, kinds }) => listEntries(db(profileId), kinds),
    'records.get': ({ profileId, entryId }) => mustGet(getEntry(db(profileId), entryId)),

    'records.save': ({ profileId, entryId, entry }) => {
      const conn = db(profileId);
      const now = ctx.nowIso();
      const draft: RecordDraft = {
        kind: entry.kind,
        title: entry.title,
        codes: entry.codes,
        ...(entry.status ? { status: entry.status } : {}),
        ...(entry.start ? { start: entry.start } : {}),
        ...(entry.end ? { end: entry.end } : {}),
        details: entry.details,
      };
      const id = conn.transaction(() => {
        if (entryId !== undefined) {
          const existing = mustGet(getEntry(conn, entryId));
          if (!existing.manual) throw new AppError('conflict', 'Only entries typed in by hand can be edited; imported entries keep what the source said.');
          updateEntry(conn, entryId, draft, blockingKeys(draft), now);
          conn.prepare('UPDATE provenance SET original_json = ? WHERE entry_id = ?').run(JSON.stringify(draft), entryId);
          return entryId;
        }
        return insertEntry(conn, draft, blockingKeys(draft), true, now, { creator: { sourceId: manualSourceId(conn, now), provider: MANUAL_PROVIDER } });
      }).immediate();
      return mustGet(getEntry(conn, id));
    },

    'records.delete': ({ profileId, entryId }) => {
      const conn = db(profileId);
      const existing = mustGet(getEntry(conn, entryId));
      if (!existing.manual) throw new AppError('conflict', 'Imported entries cannot be deleted one by one; they stay as the source wrote them.');
      conn.transaction(() => deleteEntry(conn, entryId)).immediate();
      return null;
    },

    'records.merge': ({ profileId, keepEntryId, mergeEntryId }) => {
      const conn = db(profileId);
      if (keepEntryId === mergeEntryId) throw new AppError('conflict', 'An entry cannot be merged with itself.');
      const keep = mustGet(getEntry(conn, keepEntryId));
      const other = mustGet(getEntry(conn, mergeEntryId));
      if (keep.kind !== other.kind) throw new AppError('conflict', 'Only entries of the same kind can be merged.');
      conn.transaction(() => {
        const merged = mergeDrafts(readDraft(conn, keepEntryId)!, readDraft(conn, mergeEntryId)!, {
          existing: newestDocumentDate(keep),
          incoming: newestDocumentDate(other),
        });
        moveProvenance(conn, mergeEntryId, keepEntryId);
        conn.prepare('UPDATE OR IGNORE possible_duplicates SET entry_id = ? WHERE entry_id = ?').run(keepEntryId, mergeEntryId);
        conn.prepare('UPDATE OR IGNORE possible_duplicates SET other_id = ? WHERE other_id = ?').run(keepEntryId, mergeEntryId);
        conn.prepare('DELETE FROM possible_duplicates WHERE entry_id = other_id OR entry_id = ? OR other_id = ?').run(mergeEntryId, mergeEntryId);
        deleteEntry(conn, mergeEntryId);
        updateEntry(conn, keepEntryId, merged, blockingKeys(merged), ctx.nowIso());
        recountSources(conn, keepEntryId);
      }).immediate();
      return mustGet(getEntry(conn, keepEntryId));
    },

    'records.split': ({ profileId, entryId, sourceId }) => {
      const conn = db(profileId);
      const entry = mustGet(getEntry(conn, entryId));
      const link = entry.sources.find((s) => s.sourceId === sourceId);
      if (!link) throw new AppError('not-found', 'That source is not one of this entry’s sources.');
      if (entry.sources.length < 2) throw new AppError('conflict', 'This entry has only one source, so there is nothing to split.');
      const newId = conn.transaction(() => {
        // Oldest source first, so each merge knows the newer side and the newest status stands.
        const remaining = entry.sources
          .filter((s) => s.sourceId !== sourceId)
          .sort((a, b) => (a.documentDate ?? '').localeCompare(b.documentDate ?? ''));
        let rebuilt = remaining[0]!.original;
        let newest = remaining[0]!.documentDate;
        for (const link of remaining.slice(1)) {
          rebuilt = mergeDrafts(rebuilt, link.original, { existing: newest, incoming: link.documentDate });
          if (link.documentDate && (!newest || link.documentDate > newest)) newest = link.documentDate;
        }
        const now = ctx.nowIso();
        updateEntry(conn, entryId, rebuilt, blockingKeys(rebuilt), now);
        const id = insertEntry(conn, link.original, blockingKeys(link.original), false, now);
        moveProvenance(conn, entryId, id, sourceId);
        recountSources(conn, entryId);
        recountSources(conn, id);
        // Split on purpose: the two must not be offered for merging again.
        conn.prepare('INSERT OR REPLACE INTO possible_duplicates (entry_id, other_id, reason, dismissed) VALUES (?, ?, ?, 1)').run(id, entryId, 'Split by you');
        return id;
      }).immediate();
      return [mustGet(getEntry(conn, entryId)), mustGet(getEntry(conn, newId))];
    },

    'records.dismissDuplicate': ({ profileId, entryId, otherEntryId }) => {
      const conn = db(profileId);
      const info = conn
        .prepare('UPDATE possible_duplicates SET dismissed = 1 WHERE (entry_id = ? AND other_id = ?) OR (entry_id = ? AND other_id = ?)')
        .run(entryId, otherEntryId, otherEntryId, entryId);
      if (info.changes === 0) throw new AppError('not-found', 'Those two entries are not marked as possible duplicates.');
      return null;
    },

    'documents.list': ({ profileId }) => listSources(db(profileId)),
    'documents.get': ({ profileId, sourceId }): SourceDocument => {
      const found = getSource(db(profileId), sourceId);
      if (!found) throw new AppError('not-found', 'That document is no longer in this profile.');
      return {
        ...found.source,
        sections: found.document.sections,
        statements: found.document.statements ?? [],
        attachments: found.document.attachments.map((a, index) => ({
          index,
          ...(a.title ? { title: a.title } : {}),
          mediaType: a.mediaType,
          size: Math.floor((a.data.length * 3) / 4),
        })),
      };
    },

    'documents.attachment': ({ profileId, sourceId, index }) => {
      const attachment = attachmentOf(db(profileId), sourceId, index);
      const text = attachmentText(attachment.mediaType, attachment.data);
      return { ...(attachment.title ? { title: attachment.title } : {}), mediaType: attachment.mediaType, ...(text !== undefined ? { text } : {}) };
    },
    'documents.saveAttachment': async ({ profileId, sourceId, index }) => {
      const attachment = attachmentOf(db(profileId), sourceId, index);
      const target = await ctx.platform.chooseSavePath(attachmentFileName(attachment), 'attachment');
      if (!target) return null;
      writeUserFile(target, Buffer.from(attachment.data, 'base64'));
      ctx.requireSession().audit(ctx.platform.now(), 'export.attachment', profileId, 'Saved a document attachment');
      return { savedTo: target };
    },

    'trends.tests': ({ profileId }) => trendableTestsFromFacts(listTrendFacts(db(profileId))),
    'trends.series': ({ profileId, code }): TrendSeries => {
      // Only the points under the test's LOINC codes are read: one range of trend_points each.
      return seriesFromFacts(listTrendFacts(db(profileId), seriesLoincs(code)), code);
    },
  };
}

/** The newest document an entry was seen in (its sources' document dates), if any gave one. */
function newestDocumentDate(entry: StoredEntry): string | undefined {
  let newest: string | undefined;
  for (const link of entry.sources) if (link.documentDate && (!newest || link.documentDate > newest)) newest = link.documentDate;
  return newest;
}
