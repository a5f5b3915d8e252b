// Placeholder until the export work lands (being written now).
import { AppError } from '../errors.ts';
export function zipOriginals(_files: unknown): Uint8Array {
  throw new AppError('unavailable', 'Export is not built yet.');
}
