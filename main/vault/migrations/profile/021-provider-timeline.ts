import type { Migration } from '../migrate.ts';

// The timeline filtered by provider, read as a range of an index. Before this, a provider
// filter walked the whole timeline newest first and tested each entry's provenance: in a
// profile of two million watch and sensor readings, a clinic with a few thousand entries
// meant walking most of the two million (0.3–2.7 s a page). Here each (provider, kind) pair
// is one range of entries in timeline order, so a page is a seek and a short read whatever
// the filter, and a provider filter without a kind merges the ranges of the kinds that
// provider has (timeline.ts).
//
// A row says "this provider is among the entry's sources", stored once however many of the
// provider's documents the entry came from. A new link adds its row where links are written
// (entries.ts linkProvider: an AFTER INSERT trigger on provenance, even an empty one, cost
// the import writer 60% more CPU on device readings); triggers keep it in the same
// transaction as the rarer writes that change it (a link moved or removed, an entry's kind or
// date changed, an entry deleted), wherever they are made.
export const m021ProviderTimeline: Migration = {
  version: 21,
  name: 'provider-timeline',
  up(db) {
    db.exec(`
      CREATE TABLE provider_timeline (
        provider TEXT NOT NULL,
        kind TEXT NOT NULL,
        sort_date TEXT NOT NULL,
        entry_id INTEGER NOT NULL,
        PRIMARY KEY (provider, kind, sort_date, entry_id)
      ) WITHOUT ROWID;

      INSERT INTO provider_timeline (provider, kind, sort_date, entry_id)
        SELECT DISTINCT p.provider, e.kind, e.sort_date, e.id
        FROM provenance p JOIN entries e ON e.id = p.entry_id
        ORDER BY 1, 2, 3, 4;

      -- The entry keeps the provider while another of its links names it.
      CREATE TRIGGER provider_timeline_unlink AFTER DELETE ON provenance BEGIN
        DELETE FROM provider_timeline
        WHERE provider = OLD.provider AND entry_id = OLD.entry_id
          AND kind = (SELECT kind FROM entries WHERE id = OLD.entry_id)
          AND sort_date = (SELECT sort_date FROM entries WHERE id = OLD.entry_id)
          AND NOT EXISTS (SELECT 1 FROM provenance WHERE entry_id = OLD.entry_id AND provider = OLD.provider);
      END;

      CREATE TRIGGER provider_timeline_move AFTER UPDATE OF entry_id, provider ON provenance
      WHEN OLD.entry_id IS NOT NEW.entry_id OR OLD.provider IS NOT NEW.provider BEGIN
        DELETE FROM provider_timeline
        WHERE provider = OLD.provider AND entry_id = OLD.entry_id
          AND kind = (SELECT kind FROM entries WHERE id = OLD.entry_id)
          AND sort_date = (SELECT sort_date FROM entries WHERE id = OLD.entry_id)
          AND NOT EXISTS (SELECT 1 FROM provenance WHERE entry_id = OLD.entry_id AND provider = OLD.provider);
        INSERT OR IGNORE INTO provider_timeline (provider, kind, sort_date, entry_id)
          SELECT NEW.provider, kind, sort_date, id FROM entries WHERE id = NEW.entry_id;
      END;

      CREATE TRIGGER provider_timeline_redate AFTER UPDATE OF kind, sort_date ON entries
      WHEN OLD.kind IS NOT NEW.kind OR OLD.sort_date IS NOT NEW.sort_date BEGIN
        DELETE FROM provider_timeline
        WHERE provider IN (SELECT provider FROM provenance WHERE entry_id = OLD.id)
          AND kind = OLD.kind AND sort_date = OLD.sort_date AND entry_id = OLD.id;
        INSERT OR IGNORE INTO provider_timeline (provider, kind, sort_date, entry_id)
          SELECT DISTINCT provider, NEW.kind, NEW.sort_date, NEW.id FROM provenance WHERE entry_id = NEW.id;
      END;

      -- Before the row goes: its links (deleted by the cascade afterwards) still name its providers.
      CREATE TRIGGER provider_timeline_forget BEFORE DELETE ON entries BEGIN
        DELETE FROM provider_timeline
        WHERE provider IN (SELECT provider FROM provenance WHERE entry_id = OLD.id)
          AND kind = OLD.kind AND sort_date = OLD.sort_date AND entry_id = OLD.id;
      END;
    `);
  },
};
