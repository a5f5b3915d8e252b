// Where Chromium keeps its profile while it prints a PDF: one folder per run under a per-user
// folder in the system temp dir. A run removes its own folder when it ends; a run cut short
// (the process killed) leaves it behind, so every start removes the folders of processes that
// are no longer running. No Playwright here, so the command line can clean up cheaply.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUN_NAME = /^(\d+)-[A-Za-z0-9]+$/;
/** The shortest limit on a Unix socket's path among the systems Chartkeeper runs on (macOS: 104 bytes with the terminator). */
const MAX_SOCKET_PATH = 103;

/** The per-user folder that holds every run's folder, created owner-only; null if it cannot be trusted. */
export function pdfScratchRoot(): string | null {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // Short names: Chromium puts a socket under TMPDIR, and socket paths are limited to ~104 bytes.
  const root = path.join(os.tmpdir(), `ck-pdf-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    // In a shared temp dir another user could have made this name first (or a link to
    // elsewhere): only a real folder of our own is used.
    const stat = fs.lstatSync(root);
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) return null;
    fs.chmodSync(root, 0o700);
    return root;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the run folders that processes no longer running left behind. */
export function removeLeftoverPdfRuns(): void {
  const root = pdfScratchRoot();
  if (!root) return;
  for (const name of fs.readdirSync(root)) {
    const pid = Number(RUN_NAME.exec(name)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true, maxRetries: 3 });
  }
}

export interface PdfRunFolders {
  /** Chromium's --user-data-dir. */
  profile: string;
  /** Playwright's artifacts folder (downloads, traces), unused but always created. */
  artifacts: string;
  /** TMPDIR for Chromium, so what it puts in the temp dir lives and dies with the run; undefined when that path is too long for Chromium's socket. */
  tmp: string | undefined;
  remove(): void;
}

/** A fresh folder for one run, named after this process so a later start can tell it is stale. */
export function makePdfRunFolders(): PdfRunFolders {
  removeLeftoverPdfRuns();
  const root = pdfScratchRoot() ?? os.tmpdir();
  const run = fs.mkdtempSync(path.join(root, `${process.pid}-`));
  const sub = (name: string) => {
    const dir = path.join(run, name);
    fs.mkdirSync(dir, { mode: 0o700 });
    return dir;
  };
  const tmp = path.join(run, 't');
  return {
    profile: sub('profile'),
    artifacts: sub('artifacts'),
    // Chromium's singleton socket goes to TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket.
    tmp: path.join(tmp, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket').length <= MAX_SOCKET_PATH ? sub('t') : undefined,
    remove: () => fs.rmSync(run, { recursive: true, force: true, maxRetries: 3 }),
  };
}
