import type { Migration } from '../migrate.ts';

// Covering indexes for reading provenance. `files` rows carry each original file's bytes and
// `sources` rows the whole document JSON, so looking a file's name or a source's dates up in
// the table itself lands on pages full of blobs (and, for sources, walks the document's
// overflow chain, decrypting every page). Reading an entry's provenance (records, trends,
// the entry view) touches one source and one file per link; with these indexes it reads
// small, dense index pages instead. Measured by `npm run bench` (trend series, search).
export const m002ListingIndexes: Migration = {
  version: 2,
  name: 'listing-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX files_names ON files(id, name);
      CREATE INDEX sources_listing ON sources(id, file_id, kind, format, provider, document_date, imported_at);
      -- Search ranks every match by score, then date: the date of thousands of entries by id,
      -- read from this small index rather than from rows holding each entry's JSON.
      CREATE INDEX entries_dates ON entries(id, sort_date);
      -- The providers of a page of entries (timeline rows, trend points) from the index alone.
      CREATE INDEX provenance_entry_provider ON provenance(entry_id, provider);
    `);
  },
};
