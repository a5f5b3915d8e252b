import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';
import { m002ListingIndexes } from './002-listing-indexes.ts';

export const PROFILE_MIGRATIONS: readonly Migration[] = [m001Initial, m002ListingIndexes];
