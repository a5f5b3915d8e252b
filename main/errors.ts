import type { ErrorKind, PatientIdentity } from './types.ts';

/**
 * An error meant for the person using the app: `message` is one sentence they can act on.
 * Anything else thrown inside main is a bug and reaches the user as a generic 'internal' error.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly kind: ErrorKind;
  readonly detail: { patient?: PatientIdentity } | undefined;
  constructor(kind: ErrorKind, message: string, detail?: { patient?: PatientIdentity }) {
    super(message);
    this.kind = kind;
    this.detail = detail;
  }
}
