import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';

export const PROFILE_MIGRATIONS: readonly Migration[] = [m001Initial];
