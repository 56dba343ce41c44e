/** Fraction of positions where the predicted class equals the true class. */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`accuracy: ${yTrue.length} true labels but ${yPred.length} predictions`);
  }
  if (yTrue.length === 0) throw new RangeError('accuracy: no examples');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/** K×K counts: row = true class, column = predicted class. */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, K: number): Int32Array[] {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`confusion matrix: ${yTrue.length} true labels but ${yPred.length} predictions`);
  }
  const m = Array.from({ length: K }, () => new Int32Array(K));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/**
 * Per-class precision, recall and F1 from a confusion matrix (rows true,
 * columns predicted); a class never predicted has precision 0, one absent
 * from the data recall 0 (scikit-learn's zero_division=0).
 */
export function perClassScores(confusion: ArrayLike<number>[]): ClassScores[] {
  const K = confusion.length;
  return Array.from({ length: K }, (_, k) => {
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < K; j++) {
      predicted += confusion[j][k];
      actual += confusion[k][j];
    }
    const tp = confusion[k][k];
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = actual > 0 ? tp / actual : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support: actual };
  });
}

/** Unweighted mean of the per-class F1 over the classes present in the data or the predictions. */
export function macroF1(confusion: ArrayLike<number>[]): number {
  const scores = perClassScores(confusion);
  const used = scores.filter((s, k) => s.support > 0 || scores.some((_, j) => confusion[j][k] > 0));
  return used.reduce((a, s) => a + s.f1, 0) / Math.max(1, used.length);
}

/** Mean cost ℓ(predicted, true) over the examples, costs K×K row-major by true class. */
export function averageCost(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, costs: ArrayLike<number>, K: number): number {
  if (yTrue.length === 0) throw new RangeError('average cost: no examples');
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += costs[yTrue[i] * K + yPred[i]];
  return s / yTrue.length;
}
