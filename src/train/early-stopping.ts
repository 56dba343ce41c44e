/** The state of early stopping, as plain data (for checkpoints). */
export interface EarlyStoppingState {
  bestValue: number | null;
  bestEpoch: number;
  waited: number;
  best: number[] | null;
}

/**
 * Early stopping on a monitored loss (lower is better): stop when it has not
 * improved by more than minDelta for `patience` epochs in a row, and hand back
 * the parameters of the best epoch.
 */
export class EarlyStopping {
  bestValue = Infinity;
  bestEpoch = -1;
  private best: Float64Array | null = null;
  private waited = 0;

  constructor(
    readonly patience: number,
    readonly minDelta = 0,
  ) {
    if (!Number.isInteger(patience) || patience < 1) throw new RangeError(`patience must be an integer ≥ 1, got ${patience}`);
    if (!(minDelta >= 0)) throw new RangeError(`minDelta must be ≥ 0, got ${minDelta}`);
  }

  /** Records one epoch; returns true when training should stop. */
  observe(epoch: number, value: number, theta: Float64Array): boolean {
    if (value < this.bestValue - this.minDelta) {
      this.bestValue = value;
      this.bestEpoch = epoch;
      this.best = Float64Array.from(theta);
      this.waited = 0;
      return false;
    }
    this.waited++;
    return this.waited >= this.patience;
  }

  /** The state after the epochs observed so far (bestValue null before any). */
  state(): EarlyStoppingState {
    return { bestValue: Number.isFinite(this.bestValue) ? this.bestValue : null, bestEpoch: this.bestEpoch, waited: this.waited, best: this.best ? Array.from(this.best) : null };
  }

  /** Continues from a saved state (a resumed run). */
  restore(s: EarlyStoppingState): void {
    this.bestValue = s.bestValue ?? Infinity;
    this.bestEpoch = s.bestEpoch;
    this.waited = s.waited;
    this.best = s.best ? Float64Array.from(s.best) : null;
  }

  /** Copies the best parameters seen into theta (no-op before any epoch). */
  restoreBest(theta: Float64Array): void {
    if (this.best) theta.set(this.best);
  }
}
