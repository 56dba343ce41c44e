/**
 * A network trained on scaled inputs and saved for raw ones: the scaler folded
 * into its first layer gives the scores of the unfolded network on the scaled
 * inputs. Tolerance 1e-10 relative to max(1, |z|): the two compute the same
 * sums in a different order (factor applied to W instead of x), so they agree
 * to rounding (~1e-15 per term over 6 terms), far inside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { denseMatrix } from '../src/data/dense.js';
import { LabelTable } from '../src/data/labels.js';
import { applyScaler, fitScaler, type ScaleKind } from '../src/data/scale.js';
import { NetworkModel } from '../src/model/network-model.js';
import { foldScalerIntoNetwork } from '../src/model/fold-network-scaler.js';
import { SequentialScores, mlpLayers } from '../src/scores/sequential.js';
import { createLayerKernels } from '../src/kernels/layer-select.js';
import { Random } from '../src/random.js';

function randomNetwork(D: number, K: number, seed: number, fitIntercept = true): NetworkModel {
  const scores = new SequentialScores(mlpLayers(D, K, { hidden: [5, 4], activation: 'tanh', dropout: 0 }, fitIntercept), createLayerKernels('reference'));
  const theta = new Float64Array(scores.numParams);
  scores.initialize(theta, new Random(seed));
  // Non-zero biases too, so that the offset's correction is exercised against them.
  for (let p = 0; p < theta.length; p++) theta[p] += 0.1 * Math.sin(p);
  return new NetworkModel(new LabelTable(Array.from({ length: K }, (_, k) => `c${k}`)), scores, theta);
}

test('a scaler folded into a network\'s first layer gives on raw inputs the scores the network gives on scaled inputs (standard, maxabs, minmax)', () => {
  const rng = new Random(3);
  const N = 40;
  const D = 6;
  // Features of very different ranges and offsets: ×1000 + 500 down to ×0.01.
  const X = denseMatrix(Float64Array.from({ length: N * D }, (_, t) => (rng.normal() * 10 ** (3 - (t % D))) + (t % D === 0 ? 500 : 0)), N, D);
  for (const kind of ['standard', 'maxabs', 'minmax'] as ScaleKind[]) {
    const s = fitScaler(X, kind);
    const model = randomNetwork(D, 3, 7);
    const expected = model.decisionFunction(applyScaler(X, s));
    const folded = foldScalerIntoNetwork(model, s).decisionFunction(X);
    for (let t = 0; t < expected.length; t++) {
      assert.ok(Math.abs(folded[t] - expected[t]) <= 1e-10 * Math.max(1, Math.abs(expected[t])), `${kind}: score ${t}: ${folded[t]} vs ${expected[t]}`);
    }
  }
});

test('folding a scaler with an offset into a network whose first layer has no bias is refused, naming the scaler', () => {
  const X = denseMatrix(Float64Array.from([1, 2, 3, 4, 5, 7]), 3, 2);
  const model = randomNetwork(2, 3, 1, false);
  assert.throws(() => foldScalerIntoNetwork(model, fitScaler(X, 'standard')), /the standard scaler has an offset, which a first layer without bias cannot absorb/);
  assert.doesNotThrow(() => foldScalerIntoNetwork(model, fitScaler(X, 'maxabs')));
});
