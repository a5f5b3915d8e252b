// What the API needs from the program hosting it. The Electron shell, the test bridge and the
// command line each provide one; main/api never knows which it runs in.

export type SaveKind = 'pdf' | 'fhir-json' | 'zip' | 'backup' | 'attachment';

export interface Platform {
  /** The vault folder at startup (the remembered choice, or the app's data folder). */
  vaultDir: string;
  /** Shows a folder dialog for the vault; null when the user cancels or there is no dialog. */
  chooseVaultFolder(): Promise<string | null>;
  /** Keeps the chosen vault folder for the next start (the shell only; a no-op elsewhere). */
  rememberVaultFolder(dir: string): void;
  /** Where a file the user picked in a dialog lives, by the opaque token handed to the renderer. */
  resolveFileToken(token: string): string | undefined;
  /** Shows an open dialog; returns tokens (never paths) for the renderer. */
  openFiles(purpose: 'import' | 'restore' | 'share'): Promise<{ token: string; name: string }[]>;
  /** Asks where to save; null when the user cancels. */
  chooseSavePath(suggestedName: string, kind: SaveKind): Promise<string | null>;
  /** Renders HTML to PDF bytes (Electron's printToPDF in the shell, Chromium elsewhere). */
  renderPdf(html: string, paper: 'A4' | 'Letter', language: 'en' | 'es'): Promise<Uint8Array>;
  /** Opens the system print dialog for the HTML; 'unavailable' where there is none. */
  print(html: string, paper: 'A4' | 'Letter'): Promise<void>;
  /** Network access for MedlinePlus lookups (only ever used when the user allowed it). */
  fetch: typeof fetch;
  now(): Date;
}
