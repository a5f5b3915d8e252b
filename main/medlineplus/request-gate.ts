// The only door to the network: one request at a time, at most one a second and never more
// than NLM's 100 a minute, and a five-minute pause for a host after anything goes wrong.
import type { EducationClock } from './clock.ts';

export const MIN_INTERVAL_MS = 1000;
export const MAX_PER_MINUTE = 100;
export const WINDOW_MS = 60_000;
/** NLM locks an address out for 300 s once it exceeds the limit; never knock during that. */
export const BACKOFF_MS = 300_000;

/** Why a host is paused: the computer could not reach it, or it answered with a refusal or garbage. */
export type BackoffCause = 'offline' | 'refused' | 'malformed';

export class BackingOffError extends Error {
  override name = 'BackingOffError';
  readonly backoffCause: BackoffCause;
  readonly until: number;
  constructor(cause: BackoffCause, until: number) {
    super('MedlinePlus lookups are paused for a few minutes after a failed request.');
    this.backoffCause = cause;
    this.until = until;
  }
}

export class RequestGate {
  readonly #clock: EducationClock;
  #tail: Promise<void> = Promise.resolve();
  #lastStart = Number.NEGATIVE_INFINITY;
  /** Start times within the last minute, oldest first. */
  #starts: number[] = [];
  readonly #backoff = new Map<string, { until: number; cause: BackoffCause }>();

  constructor(clock: EducationClock) {
    this.#clock = clock;
  }

  /** The pause in force for `host`, if any. */
  backoffState(host: string): { until: number; cause: BackoffCause } | undefined {
    const state = this.#backoff.get(host);
    if (!state) return undefined;
    const now = this.#clock.now();
    if (state.until <= now) {
      this.#backoff.delete(host);
      return undefined;
    }
    // If the clock was set back, the pause still ends at most BACKOFF_MS from now.
    if (state.until - now > BACKOFF_MS) state.until = now + BACKOFF_MS;
    return state;
  }

  /** Pauses `host` for BACKOFF_MS from now. */
  backOff(host: string, cause: BackoffCause): void {
    this.#backoff.set(host, { until: this.#clock.now() + BACKOFF_MS, cause });
  }

  /** Takes over a pause another process saw (saved in the vault); never longer than BACKOFF_MS from now. */
  resumeBackoff(host: string, cause: BackoffCause, until: number): void {
    const capped = Math.min(until, this.#clock.now() + BACKOFF_MS);
    if (capped <= this.#clock.now() || (this.#backoff.get(host)?.until ?? 0) >= capped) return;
    this.#backoff.set(host, { until: capped, cause });
  }

  /**
   * Runs `task` when its turn comes and the rate allows. Fails fast with BackingOffError when
   * the host is paused (checked again when the turn comes, so a queue drains at once after a
   * failure instead of hammering the host).
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      signal?.throwIfAborted();
      this.#throwIfPaused(host);
      await this.#waitForSlot(signal);
      this.#recordStart();
      return await task();
    } finally {
      release();
    }
  }

  #throwIfPaused(host: string): void {
    const paused = this.backoffState(host);
    if (paused) throw new BackingOffError(paused.cause, paused.until);
  }

  async #waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      // A clock set back must not stall the queue for the size of the jump.
      if (this.#lastStart > now) this.#lastStart = now;
      this.#starts = this.#starts.filter((start) => start > now - WINDOW_MS && start <= now);
      let wait = this.#lastStart + MIN_INTERVAL_MS - now;
      if (this.#starts.length >= MAX_PER_MINUTE) {
        wait = Math.max(wait, this.#starts[0]! + WINDOW_MS - now);
      }
      if (wait <= 0) return;
      await this.#clock.sleep(wait, signal);
    }
  }

  #recordStart(): void {
    const now = this.#clock.now();
    this.#lastStart = now;
    this.#starts.push(now);
  }
}
