import { type ScoreLoss } from './loss.js';

/**
 * A cost matrix ℓ(y, y*) for K classes, row-major K×K: costs[y* · K + y] is
 * the cost of predicting y when the truth is y* (zero on the diagonal).
 */
export type CostMatrix = Float64Array;

/** The 0/1 cost: every mistake costs 1. */
export function zeroOneCosts(K: number): CostMatrix {
  const c = new Float64Array(K * K).fill(1);
  for (let k = 0; k < K; k++) c[k * K + k] = 0;
  return c;
}

/** Checks a cost matrix: K×K, finite, ≥ 0, zero diagonal (errors name the entry). */
export function checkCosts(costs: CostMatrix, K: number, source = 'costs'): CostMatrix {
  if (costs.length !== K * K) throw new RangeError(`${source}: expected ${K}×${K} = ${K * K} costs, got ${costs.length}`);
  for (let t = 0; t < K; t++) {
    for (let y = 0; y < K; y++) {
      const c = costs[t * K + y];
      if (!(c >= 0 && Number.isFinite(c))) throw new RangeError(`${source}: cost of predicting class ${y} for true class ${t} is ${c}; costs must be finite and ≥ 0`);
      if (t === y && c !== 0) throw new RangeError(`${source}: the cost of a correct prediction (class ${t}) must be 0, got ${c}`);
    }
  }
  return costs;
}

/**
 * Loss-augmented decoding: argmax_y z_y + ℓ(y, y*) over the K scores at off
 * (the most violated constraint of the multiclass SVM). Ties go to the gold
 * class, then to the lower index.
 */
export function lossAugmentedArgmax(z: ArrayLike<number>, off: number, K: number, gold: number, costs: CostMatrix | null): number {
  let best = gold;
  let bestValue = z[off + gold];
  for (let y = 0; y < K; y++) {
    const v = z[off + y] + (y === gold ? 0 : costs ? costs[gold * K + y] : 1);
    if (v > bestValue) {
      bestValue = v;
      best = y;
    }
  }
  return best;
}

/**
 * The multiclass SVM hinge of Crammer & Singer with a cost ℓ(y, y*):
 *
 *   ξᵢ = max_y [z_y + ℓ(y, y*)] − z_{y*}  ≥ 0   (plug in y = y*: 0),
 *   ∂ξᵢ/∂z = e_{ŷ} − e_{y*},  ŷ the loss-augmented argmax (0 when ŷ = y*),
 *
 * so through a linear model the subgradient is f(x, ŷ) − f(x, y*): the
 * perceptron's update, away from the loss-augmented prediction.
 * costs null means 0/1 costs.
 */
export function multiclassHinge(costs: CostMatrix | null = null): ScoreLoss {
  return marginLoss('multiclass-hinge', (Z, o, K, gold) => {
    const yhat = lossAugmentedArgmax(Z, o, K, gold, costs);
    return [yhat, yhat === gold ? 0 : costs ? costs[gold * K + yhat] : 1];
  });
}

/**
 * The perceptron's loss: max_y z_y − z_{y*} (the hinge without margin or
 * costs). Its subgradient is e_ŷ − e_{y*} for the prediction ŷ (the first
 * class of highest score, as argmax predicts) and zero when ŷ is right, so
 * SGD with batch 1 and rate 1 is the perceptron algorithm. (Were a tie with
 * the gold class counted as right, training from θ = 0 would never move.)
 */
export const perceptronLoss: ScoreLoss = marginLoss('perceptron', (Z, o, K) => {
  let top = 0;
  for (let k = 1; k < K; k++) if (Z[o + k] > Z[o + top]) top = k;
  return [top, 0];
});

/**
 * A loss of the form wᵢ·(z_ŷ + Δ − z_{y*}) with subgradient wᵢ·(e_ŷ − e_{y*}),
 * where pick(Z, offset, K, gold) chooses ŷ and the margin Δ it carries.
 */
function marginLoss(name: string, pick: (Z: Float64Array, o: number, K: number, gold: number) => [number, number]): ScoreLoss {
  return {
    name,
    lossAndGradient(Z, K, y, rows, dZ, sampleWeight) {
      const n = Z.length / K;
      let total = 0;
      for (let r = 0; r < n; r++) {
        const i = rows ? rows[r] : r;
        const gold = y[i];
        const o = r * K;
        const [yhat, margin] = pick(Z, o, K, gold);
        const w = sampleWeight ? sampleWeight[i] : 1;
        total += w * (Z[o + yhat] + margin - Z[o + gold]);
        if (dZ) {
          dZ.fill(0, o, o + K);
          if (yhat !== gold) {
            dZ[o + yhat] = w;
            dZ[o + gold] = -w;
          }
        }
      }
      return total;
    },
  };
}
