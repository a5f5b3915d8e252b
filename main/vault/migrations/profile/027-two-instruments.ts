import type { Migration } from '../migrate.ts';
import { reaskWaitingPairs } from './reask-pairs.ts';

/**
 * Possible duplicates that are two instruments' readings of one minute (issue #19): a watch's
 * heart rate and a home cuff's pulse, one a continuous stream that day and the other a few spot
 * readings (`twoInstruments` in main/records/reconcile.ts), which imports no longer flag. Each
 * pair still waiting for the person's review is asked again with its sources' readings of the
 * day counted; a pair the rule would not flag is taken off the list, as migration 023 did.
 * Readings an earlier import merged because two instruments gave one value are not split here:
 * "Separate this source" does that.
 */
export const m027TwoInstruments: Migration = {
  version: 27,
  name: 'two-instruments',
  up(db) {
    reaskWaitingPairs(db, true);
  },
};
