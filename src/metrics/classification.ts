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
