// "Add these results": lines of a kept document's text that read as results are proposed for
// the person to review; those they confirm are written like any import's records, the document's
// file as their source (kind 'document', format 'kept-document'), so "where this came from"
// names the document, its page and the line as printed.
import type { ResultProposals } from '../../preload/contract.ts';
import { confirmedDraft } from '../documents/lab-lines/draft.ts';
import { proposeResults, type ProposedResult } from '../documents/lab-lines/index.ts';
import { AppError } from '../errors.ts';
import type { ImportedDocument, ParsedFile } from '../records/model.ts';
import { writeFromKeptFile } from '../vault/import-writer.ts';
import { getKeptDocument, keptDocumentOfSource, keptDocumentPages, keptFileId } from '../vault/kept-documents.ts';
import { isDiskFull, type Connection } from '../vault/sqlite.ts';
import type { ApiContext } from './context.ts';
import { writableProfile } from './recognition.ts';
import type { HandlerModule } from './router.ts';

function proposalsOf(db: Connection, documentId: number): ProposedResult[] {
  return proposeResults(keptDocumentPages(db, documentId));
}

export function labResultHandlers(ctx: ApiContext): HandlerModule {
  const db = (profileId: string) => ctx.requireSession().profileDb(profileId);

  return {
    'papers.proposeResults': ({ profileId, documentId }): ResultProposals => {
      const conn = db(profileId);
      const document = getKeptDocument(conn, documentId);
      return { proposals: proposalsOf(conn, documentId), ...(document.date ? { date: document.date } : {}) };
    },

    'papers.addResults': async ({ profileId, documentId, results }) => {
      const conn = await writableProfile(ctx, profileId);
      const document = getKeptDocument(conn, documentId);
      // The line, page and file of each result are the ones read here, never the renderer's word.
      const proposals = proposalsOf(conn, documentId);
      const byPosition = new Map<number, ImportedDocument>();
      const seen = new Set<number>();
      for (const result of results) {
        const proposal = proposals[result.index];
        if (!proposal) throw new AppError('not-found', "This document's text has changed since the results were read; read them again.");
        if (seen.has(result.index)) throw new AppError('invalid-input', 'A result was given twice; each is added once.');
        seen.add(result.index);
        let source = byPosition.get(proposal.position);
        if (!source) {
          source = {
            patient: {},
            document: { title: document.title, ...(document.date ? { date: document.date } : {}), sections: [], attachments: [] },
            records: [],
            problems: [],
          };
          byPosition.set(proposal.position, source);
        }
        source.records.push(confirmedDraft(result, proposal));
      }
      const now = ctx.nowIso();
      let added = 0;
      let merged = 0;
      try {
        conn
          .transaction(() => {
            for (const [position, source] of byPosition) {
              const parsed: ParsedFile = { format: 'kept-document', documents: [source] };
              const outcome = writeFromKeptFile(conn, keptFileId(conn, documentId, position), parsed, now);
              added += outcome.counts.results?.new ?? 0;
              merged += outcome.counts.results?.merged ?? 0;
            }
          })
          .immediate();
      } catch (error) {
        if (isDiskFull(error)) throw new AppError('disk-full', 'The disk is full, so the results were not added; nothing was changed.');
        throw error;
      }
      ctx.requireSession().audit(ctx.platform.now(), 'documents.addResults', profileId, `Added ${added + merged} result(s) from a kept document`);
      return { added, merged };
    },

    'papers.ofSource': ({ profileId, sourceId }) => keptDocumentOfSource(db(profileId), sourceId) ?? null,
  };
}
