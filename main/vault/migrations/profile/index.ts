import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';
import { m002ListingIndexes } from './002-listing-indexes.ts';
import { m003CompressedOriginals } from './003-compressed-originals.ts';
import { m004TrendFacts } from './004-trend-facts.ts';
import { m005TrendPoints } from './005-trend-points.ts';
import { m006LighterWrites } from './006-lighter-writes.ts';
import { m008PersonalStatements } from './008-personal-statements.ts';
import { m011TrendNames } from './011-trend-names.ts';
import { m012Merges } from './012-merges.ts';
import { m013KeptDocuments } from './013-kept-documents.ts';
import { m018KeptPictures } from './018-kept-pictures.ts';
import { m019TrendReadings } from './019-trend-readings.ts';
import { m020TrendDays } from './020-trend-days.ts';
import { m021ProviderTimeline } from './021-provider-timeline.ts';
import { m023StreamDuplicates } from './023-stream-duplicates.ts';
import { m024SearchIndexMerged } from './024-search-index-merged.ts';
import { m027TwoInstruments } from './027-two-instruments.ts';
import { m035NoneKnown } from './035-none-known.ts';

export const PROFILE_MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002ListingIndexes,
  m003CompressedOriginals,
  m004TrendFacts,
  m005TrendPoints,
  m006LighterWrites,
  m008PersonalStatements,
  m011TrendNames,
  m012Merges,
  m013KeptDocuments,
  m018KeptPictures,
  m019TrendReadings,
  m020TrendDays,
  m021ProviderTimeline,
  m023StreamDuplicates,
  m024SearchIndexMerged,
  m027TwoInstruments,
  m035NoneKnown,
];
