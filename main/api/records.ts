// Reading the record: timeline, search, record views and documents (trends: trends.ts), plus the
// entries a person types in by hand (possible duplicates and merges: duplicates.ts).
import type { SourceDocument } from '../../preload/contract.ts';
import { AppError } from '../errors.ts';
import { attachmentText } from '../records/attachment-text.ts';
import type { Attachment, Code, Quantity, RecordDraft, StoredEntry } from '../records/model.ts';
import { codeOfMeasure, MEASURES, unitOfMeasure } from '../records/readable/measures.ts';
import { blockingKeys } from '../records/reconcile.ts';
import { deleteEntry, getEntry, insertEntry, listEntries, updateEntry } from '../vault/entries.ts';
import { getSource, listSources, manualSourceId, MANUAL_PROVIDER, noneKnownStatements } from '../vault/sources.ts';
import { listProviders, search, timelinePage } from '../vault/timeline.ts';
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


/**
 * A value the person typed: a measure from the list (its LOINC code) must be in one of that
 * measure's units; a reading (vital sign) must be one of the measures; a lab result may be any
 * test, named by the person, in the unit the lab wrote.
 */
function manualValue(kind: string, codes: Code[], value: { number: number; text?: string | undefined; unit: string }): { value: Quantity; codes: Code[] } {
  const code = codes.find((c) => c.system === 'LOINC')?.code;
  const measure = code === undefined ? undefined : MEASURES.find((m) => m.code.code === code || m.units.some((u) => u.code?.code === code));
  if (kind === 'vital' && !measure) throw new AppError('invalid-input', 'Choose what the reading measures from the list.');
  if (measure) {
    const unit = unitOfMeasure(measure, value.unit);
    if (!unit) throw new AppError('invalid-input', `Choose a unit of ${measure.title.toLowerCase()}: ${measure.units.map((u) => u.ucum).join(', ')}.`);
    // The code follows the unit where the measure's does (glucose by mass or by moles).
    return { value: { number: value.number, text: value.text ?? String(value.number), unit: unit.ucum }, codes: [codeOfMeasure(measure, unit)] };
  }
  return { value: { number: value.number, text: value.text ?? String(value.number), ...(value.unit ? { unit: value.unit } : {}) }, codes };
}

export function recordHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);
  return {
    'timeline.page': ({ profileId, filter, cursor, limit }) => timelinePage(db(profileId), filter, cursor, limit),
    'timeline.providers': ({ profileId }) => listProviders(db(profileId)),
    'search.entries': ({ profileId, text, cursor, limit }) => search(db(profileId), text, limit, cursor),

    'records.list': ({ profileId, kinds }) => listEntries(db(profileId), kinds),
    'records.get': ({ profileId, entryId }) => mustGet(getEntry(db(profileId), entryId)),

    'records.save': ({ profileId, entryId, entry }) => {
      const conn = db(profileId);
      const now = ctx.nowIso();
      const measured = entry.value ? manualValue(entry.kind, entry.codes, entry.value) : undefined;
      const draft: RecordDraft = {
        kind: entry.kind,
        title: entry.title,
        codes: measured?.codes ?? entry.codes,
        ...(entry.status ? { status: entry.status } : {}),
        ...(entry.start ? { start: entry.start } : {}),
        ...(entry.end ? { end: entry.end } : {}),
        ...(measured ? { value: measured.value } : {}),
        ...(entry.referenceRange ? { referenceRange: entry.referenceRange } : {}),
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

    'records.noneKnown': ({ profileId, kinds }) => noneKnownStatements(db(profileId), kinds),

    'records.delete': ({ profileId, entryId }) => {
      const conn = db(profileId);
      const existing = mustGet(getEntry(conn, entryId));
      if (!existing.manual) throw new AppError('conflict', 'Imported entries cannot be deleted one by one; they stay as the source wrote them.');
      conn.transaction(() => deleteEntry(conn, entryId)).immediate();
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

  };
}
