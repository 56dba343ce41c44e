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

  /** Copies the best parameters seen into theta (no-op before any epoch). */
  restoreBest(theta: Float64Array): void {
    if (this.best) theta.set(this.best);
  }
}
