// Placeholder until the export work lands (being written now).
import { AppError } from '../errors.ts';
export function buildFhirBundle(_profile: unknown, _entries: unknown, _now: string): object {
  throw new AppError('unavailable', 'Export is not built yet.');
}
