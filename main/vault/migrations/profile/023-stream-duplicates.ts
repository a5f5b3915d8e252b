import type { Migration } from '../migrate.ts';
import { reaskWaitingPairs } from './reask-pairs.ts';

/**
 * Possible duplicates the rule of device streams no longer raises (issue #19): a watch's or a
 * sensor's reading is the same as another only at its minute, and a daily summary never meets
 * a reading (`streamsMeet` in main/records/reconcile.ts). Profiles imported before kept a
 * clinic's heart rate flagged against every watch sample of its day with the same value (57,000
 * pairs in a profile of two million readings). Each pair still waiting for the person's review
 * is asked again with the entries as they stand; a pair the rule would not flag is taken off the
 * list. Nothing is merged or split, and nothing the person decided is touched: pairs kept apart
 * (or split) stay, and so does every pair of an entry a merge by hand kept (its undo brings its
 * own flags back).
 */
export const m023StreamDuplicates: Migration = {
  version: 23,
  name: 'stream-duplicates',
  up(db) {
    reaskWaitingPairs(db, false);
  },
};
