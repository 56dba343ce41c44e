import { type Scaler } from '../data/scale.js';
import { Dense } from '../scores/layers.js';
import { NetworkModel } from './network-model.js';

/**
 * A network trained on scaled inputs x' = (x − offset)·diag(factor), as the
 * same network on raw inputs: its first layer is affine, x'·W + b, so
 *
 *   W'ᵢₒ = factorᵢ·Wᵢₒ,   b'ₒ = bₒ − Σᵢ offsetᵢ·W'ᵢₒ
 *
 * (W of I×O at the start of θ, b after it), and every later layer is unchanged.
 */
export function foldScalerIntoNetwork(model: NetworkModel, s: Scaler): NetworkModel {
  if (s.kind === 'none') return model;
  const first = model.scores.layers[0];
  if (!(first instanceof Dense)) throw new RangeError('a scaler folds into a network whose first layer is dense');
  const I = first.inputSize;
  const O = first.outputSize;
  if (s.factor.length !== I) throw new RangeError(`the scaler has ${s.factor.length} features but the network takes ${I}`);
  if (s.offset && !first.bias) throw new RangeError(`the ${s.kind} scaler has an offset, which a first layer without bias cannot absorb`);
  const theta = Float64Array.from(model.theta);
  for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) theta[i * O + o] *= s.factor[i];
  if (s.offset) {
    for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) theta[I * O + o] -= s.offset[i] * theta[i * O + o];
  }
  return new NetworkModel(model.labels, model.scores, theta, model.scoreKind);
}
