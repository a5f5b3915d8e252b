/** A file that cannot be kept as a document; `message` is one sentence for the person. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}
