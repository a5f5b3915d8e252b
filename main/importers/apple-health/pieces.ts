// A large export.xml read by two threads at once. saxes is most of a reading's time and reads
// on one core; an export's children of <HealthData> are one per line ("\n <Record …"), so the
// text can be cut there into pieces that parse on their own: each piece is read by a reader
// of its own (this thread's or a helper thread's), and the pieces' results are absorbed in
// file order by one reader of the whole file (ExportReader.absorb), so every decision (blood
// pressure from a Correlation or paired records, the summaries, the refusals listed) and
// everything handed on is the same as reading the file in one go.
//
// The bytes are read once, in order, here (from the file or inflated from the zip), hashed
// and cut; a piece is sent to the helper while it has fewer than HELPER_QUEUE waiting, else
// read here. A cut is only where a line starts with " <" and a letter (a child of <HealthData>
// as Apple indents it); each piece is checked as a whole document, so a cut anywhere else (a
// line inside a comment, an element nested one space deep) makes the piece fail, and the
// caller reads the file again in one go (PiecesFailed) rather than trust the cut.
import crypto from 'node:crypto';
import type { AppleExport } from './archive.ts';
import { xmlChunks, type StreamedExport, type StreamOptions } from './index.ts';
import { ExportReader, type KeyedDraft, type PieceResult } from './reader.ts';

/** One piece of the file's bytes, cut before a child of <HealthData>. */
export interface PieceJob {
  index: number;
  /** Its bytes, in READ_CHUNK-sized parts or fewer (decoded one part at a time). */
  bytes: Uint8Array[];
  /** Lines before it in the file. */
  lineOffset: number;
  /** It holds the file's start (the prolog and <HealthData>'s own tag). */
  first: boolean;
  /** It holds the file's end (</HealthData>). */
  last: boolean;
  what: string;
}

/**
 * Reads pieces elsewhere (the helper thread). `job.bytes` are views of the chunks read, which
 * this thread reuses once read() has returned: a helper in another thread copies them first.
 */
export interface PieceHelper {
  read(job: PieceJob): Promise<PieceResult>;
}

/** A piece could not be read on its own: the file is read again in one go, which decides. */
export class PiecesFailed extends Error {
  constructor(reason: string) {
    super(`A piece of the export could not be read on its own (${reason}).`);
    this.name = 'PiecesFailed';
  }
}

/** Bytes a piece holds at least: large enough that a piece's own reader and result cost little. */
export const PIECE_BYTES = 1024 * 1024;
/** Pieces the helper may have waiting: it starts the next at once, and few bytes wait. */
const HELPER_QUEUE = 2;
/** A piece's bytes are decoded this many at a time (see READ_CHUNK in archive.ts). */
const DECODE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const SPACE = 0x20;
const LT = 0x3c;

function isLetter(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
}

/** The index just after a "\n" at or after `from` that begins " <" and a letter in `chunk`, or -1. */
export function cutIn(chunk: Uint8Array, from = 0): number {
  let at = chunk.indexOf(NEWLINE, from);
  while (at >= 0 && at + 3 < chunk.length) {
    if (chunk[at + 1] === SPACE && chunk[at + 2] === LT && isLetter(chunk[at + 3])) return at + 1;
    at = chunk.indexOf(NEWLINE, at + 1);
  }
  return -1;
}

function linesIn(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n += 1;
  return n;
}

/** Reads one piece on its own (in whichever thread): its text wrapped where the file's own tags are elsewhere. */
export function readPiece(job: PieceJob): PieceResult {
  const batches: KeyedDraft[][] = [];
  const reader = new ExportReader({ what: job.what, piece: { lineOffset: job.lineOffset } }, (batch) => void batches.push(batch));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (!job.first) reader.write('<HealthData>');
  for (const part of job.bytes) {
    for (let at = 0; at < part.length; at += DECODE_BYTES) reader.write(decoder.decode(part.subarray(at, at + DECODE_BYTES), { stream: true }));
  }
  reader.write(decoder.decode());
  if (!job.last) reader.write('</HealthData>');
  return { ...reader.endPiece(), batches };
}

type Slot = { result?: PieceResult; error?: string; done: boolean; wait?: Promise<void> };

function failureOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * streamExport's twin for a large export: the same result, read in pieces by this thread and
 * `helper`. Throws PiecesFailed when a piece cannot be read on its own (the caller undoes what
 * was handed on and reads the file in one go).
 */
export async function streamExportInPieces(
  exp: AppleExport,
  options: StreamOptions & {
    helper: PieceHelper;
    pieceBytes?: number;
    /** The helper has read its last piece (called before the pieces left are absorbed). */
    helperDone?: () => void;
  },
): Promise<StreamedExport> {
  const what = exp.xml.name.split('/').pop() || 'export.xml';
  const pieceBytes = options.pieceBytes ?? PIECE_BYTES;
  const whole = new ExportReader(
    {
      what,
      ...(options.onPatient ? { onPatient: options.onPatient } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.summariesAtEnd ? { summariesAtEnd: true } : {}),
    },
    options.onBatch,
  );
  const hash = crypto.createHash('sha256');
  const slots: Slot[] = [];
  let absorbed = 0;
  let atHelper = 0;
  let bytes = 0;
  let lines = 0;
  let piece: { bytes: Uint8Array[]; size: number; lineOffset: number } = { bytes: [], size: 0, lineOffset: 0 };

  // The pieces read so far, absorbed in file order; a failed one ends the reading.
  const absorbReady = () => {
    while (absorbed < slots.length && slots[absorbed]!.done) {
      const slot = slots[absorbed]!;
      slots[absorbed] = { done: true };
      absorbed += 1;
      if (slot.error !== undefined) throw new PiecesFailed(slot.error);
      whole.absorb(slot.result!);
    }
  };
  const dispatch = (last: boolean) => {
    const job: PieceJob = { index: slots.length, bytes: piece.bytes, lineOffset: piece.lineOffset, first: slots.length === 0, last, what };
    const slot: Slot = { done: false };
    slots.push(slot);
    if (atHelper < HELPER_QUEUE && !last) {
      // The helper copies what it takes over before read() returns (see PieceHelper).
      atHelper += 1;
      slot.wait = options.helper.read(job).then(
        (result) => {
          slot.result = result;
        },
        (error: unknown) => {
          slot.error = failureOf(error);
        },
      ).finally(() => {
        slot.done = true;
        atHelper -= 1;
      });
    } else {
      try {
        slot.result = readPiece(job);
      } catch (error) {
        slot.error = failureOf(error);
      }
      slot.done = true;
    }
    piece = { bytes: [], size: 0, lineOffset: lines };
  };
  const add = (part: Uint8Array) => {
    if (part.length === 0) return;
    piece.bytes.push(part);
    piece.size += part.length;
    lines += linesIn(part);
  };

  for await (const chunk of xmlChunks(exp, what, options.signal)) {
      hash.update(chunk);
      bytes += chunk.length;
      // Cut where a piece has its bytes, as often as a large chunk (a file given as bytes) allows.
      let rest: Uint8Array = chunk;
      for (;;) {
        const cut = piece.size + rest.length >= pieceBytes ? cutIn(rest, Math.max(0, pieceBytes - piece.size - 1)) : -1;
        if (cut < 0) break;
        add(rest.subarray(0, cut));
        dispatch(false);
        rest = rest.subarray(cut);
      }
      add(rest);
      absorbReady();
      await options.afterChunk?.();
      options.onProgress?.(bytes, exp.xml.size);
  }
  dispatch(true);
  for (let i = absorbed; i < slots.length; i++) await slots[i]!.wait;
  options.helperDone?.();
  absorbReady();
  await options.afterChunk?.();
  return { result: whole.end(), sha256: hash.digest('hex'), bytes };
}
