import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';
import { m002ProfileKeys } from './002-profile-keys.ts';

export const VAULT_MIGRATIONS: readonly Migration[] = [m001Initial, m002ProfileKeys];
