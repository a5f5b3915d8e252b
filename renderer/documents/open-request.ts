// A document to open when the Documents screen next shows (from a search hit or an import
// report elsewhere in the app): set, then navigate; the screen takes it once.
let pending: { id: number; start?: { position: number; page: number } } | null = null;

export function openDocumentLater(id: number, start?: { position: number; page: number }): void {
  pending = start ? { id, start } : { id };
}

export function takeDocumentToOpen(): typeof pending {
  const taken = pending;
  pending = null;
  return taken;
}
