/** A file that cannot be imported. `message` is one sentence a person can act on. */
export class ImportError extends Error {
  override name = 'ImportError';
}
