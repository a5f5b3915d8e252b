// The slots of the state background-checkpoints.ts shares with checkpoint-worker.ts (an
// Int32Array over a SharedArrayBuffer): the main thread waits on them with Atomics while its
// event loop is blocked, where no message or 'error' event could reach it, and the worker reads
// STOP between the steps of a merge.

/** Jobs posted and not yet done: the worker counts down and notifies. */
export const PENDING = 0;
/** 0 until the worker has loaded SQLite, then RUNNING or FAILED. */
export const STARTED = 1;
export const RUNNING = 1;
export const FAILED = 2;
/**
 * Set (1) by settle() while it waits: the worker stops the search-index merge it runs after a
 * checkpoint at its next step, and runs none for the jobs still queued.
 */
export const STOP = 2;
export const STATE_SLOTS = 3;
