// One day of a high-frequency stream (a glucose sensor, a watch's heart rate) reduced to what
// a clinician reads: how many readings, the lowest, the mean and the highest (and the total,
// for counts such as steps). Kept incrementally, so a stream of millions of readings is
// summarised without holding them; words a device writes instead of a number ("Low") are
// counted, never averaged.

/** A day's figures as plain data (to hand from one thread to another). */
export interface DailyStatsData {
  count: number;
  numbers: number;
  sum: number;
  min: number;
  max: number;
  first: string;
  last: string;
  decimals: number;
  words: Map<string, number>;
}

export class DailyStats implements DailyStatsData {
  count = 0;
  /** Readings that were numbers. */
  numbers = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  /** Earliest and latest time as written (comparable strings: local ISO times of one day). */
  first = '';
  last = '';
  /** Most decimal places among the numbers as written: the mean gets one more. */
  decimals = 0;
  readonly words = new Map<string, number>();

  /**
   * `text` as written; `value` its number when it is one (already scaled, e.g. a fraction as a
   * percentage). `timeOwned`: `time` holds no chunk of a file (a string the caller built), so it
   * is kept as it is rather than copied; in a sorted stream every reading is the day's last.
   */
  add(time: string, text: string, value: number | undefined, decimals = decimalsOf(text), timeOwned = false): void {
    this.count += 1;
    if (!this.first || time < this.first) this.first = timeOwned ? time : own(time);
    if (time > this.last) this.last = timeOwned ? time : own(time);
    if (value === undefined) {
      this.words.set(text, (this.words.get(text) ?? 0) + 1);
      return;
    }
    this.numbers += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (decimals > this.decimals) this.decimals = decimals;
  }

  data(): DailyStatsData {
    const { count, numbers, sum, min, max, first, last, decimals, words } = this;
    return { count, numbers, sum, min, max, first, last, decimals, words };
  }

  /**
   * The same day's later readings, summarised elsewhere (a later piece of the file), as if
   * each had been added here: `values` are that summary's numbers in the order they were
   * added, summed again one by one onto this sum, so the mean is the same to the last bit
   * as a reading of the whole file in one go (a floating-point sum depends on its order).
   */
  merge(other: DailyStatsData, values: ArrayLike<number>): void {
    this.count += other.count;
    this.numbers += other.numbers;
    for (let i = 0; i < values.length; i++) this.sum += values[i]!;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    if (other.first && (!this.first || other.first < this.first)) this.first = other.first;
    if (other.last > this.last) this.last = other.last;
    if (other.decimals > this.decimals) this.decimals = other.decimals;
    for (const [word, n] of other.words) this.words.set(word, (this.words.get(word) ?? 0) + n);
  }

  /** The mean rounded to one place more than the readings were written with; undefined without numbers. */
  mean(): number | undefined {
    if (this.numbers === 0) return undefined;
    return Number((this.sum / this.numbers).toFixed(this.decimals + 1));
  }

  /** The total, at the readings' own precision. */
  total(): number {
    return Number(this.sum.toFixed(this.decimals));
  }

  /** `2 read "Low", 1 read "High"`; empty when every reading was a number. */
  wordText(): string {
    return [...this.words].map(([w, c]) => `${c} read "${w}"`).join(', ');
  }
}

/**
 * A copy of `text` that holds nothing else alive. A streaming parser's strings are slices of
 * the chunk they were read from; one kept (a day's first time) would keep its whole chunk, a
 * megabyte, in memory for as long as it is kept.
 */
export function own(text: string): string {
  return (' ' + text).slice(1);
}

export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}
