import type { Matrix } from '../data/csr.js';
import { type LayerInput, type LayerKernels, padTo } from '../kernels/layer-kernels.js';
import { type Random } from '../random.js';
import { ActivationLayer, Dense, DropoutLayer, type Hidden, type Layer, type LayerSpec, type Packed, type Pass } from './layers.js';
import { type ScoreFunction } from './score-function.js';
import { type ActivationName } from './activations.js';

/** What one forward pass keeps for backward and the Jacobian–vector product. */
interface Tape {
  X: Matrix;
  rows: Int32Array | null;
  n: number;
  params: (Packed | null)[];
  inputs: (LayerInput | Hidden)[];
  outputs: Hidden[];
  /** The workspace end after the pass: later buffers go above it. */
  end: number;
}

/**
 * A network as a score function f(x; θ) ∈ ℝᴷ: layers applied in turn, the
 * last one giving the K scores, all parameters in one flat θ (layer by layer,
 * each layer's blocks in order). The loss on scores and the optimizers are
 * those of the linear model; the chain rule runs through the layers
 * (backward), and forward-mode through them gives J·v for Gauss–Newton
 * products Jᵀ(∇²_z L)J·v.
 *
 * The workspace holds the last forward pass (the tape): backward and
 * jacobianVector on the same X and rows reuse it, so callers run forward,
 * then the loss on the scores, then backward, without changing θ between.
 */
export class SequentialScores implements ScoreFunction {
  readonly numClasses: number;
  readonly numFeatures: number;
  readonly numParams: number;
  readonly offsets: number[];
  private tape: Tape | null = null;
  private training: Random | null = null;

  constructor(
    readonly layers: Layer[],
    readonly kernels: LayerKernels,
  ) {
    if (layers.length === 0) throw new RangeError('a network needs at least one layer');
    if (!(layers[0] instanceof Dense)) throw new RangeError('the first layer of a network must be dense (it reads the data)');
    for (let l = 1; l < layers.length; l++) {
      if (layers[l].inputSize !== layers[l - 1].outputSize) {
        throw new RangeError(`layer ${l + 1} takes ${layers[l].inputSize} inputs but layer ${l} gives ${layers[l - 1].outputSize}`);
      }
    }
    if (!(layers[layers.length - 1] instanceof Dense)) throw new RangeError('the last layer of a network must be dense (it gives the scores)');
    this.numFeatures = layers[0].inputSize;
    this.numClasses = layers[layers.length - 1].outputSize;
    this.offsets = [];
    let offset = 0;
    for (const layer of layers) {
      this.offsets.push(offset);
      offset += layer.numParams;
    }
    this.numParams = offset;
  }

  /** Layers as written in a model file. */
  spec(): LayerSpec[] {
    return this.layers.map((l) => l.spec());
  }

  /** Dropout on (with this generator, during training steps) or off (null: evaluation). */
  setTraining(rng: Random | null): void {
    this.training = rng;
  }

  /** Seeded initial weights: He (normal, variance 2/fan-in) before ReLU, Glorot (uniform, ±√(6/(fan-in + fan-out))) otherwise; biases 0. */
  initialize(theta: Float64Array, rng: Random): void {
    theta.fill(0);
    this.layers.forEach((layer, l) => {
      let at = this.offsets[l];
      for (const block of layer.blocks()) {
        const size = block.shape.reduce((a, b) => a * b, 1);
        const [fanIn, fanOut] = [block.shape[0], block.shape[1] ?? 1];
        if (block.init === 'he') {
          const std = Math.sqrt(2 / fanIn);
          for (let t = 0; t < size; t++) theta[at + t] = std * rng.normal();
        } else if (block.init === 'glorot') {
          const limit = Math.sqrt(6 / (fanIn + fanOut));
          for (let t = 0; t < size; t++) theta[at + t] = (2 * rng.next() - 1) * limit;
        }
        at += size;
      }
    });
  }

  forward(theta: Float64Array, X: Matrix, rows: Int32Array | null, Z: Float64Array): void {
    const tape = this.run(theta, X, rows, this.training);
    this.copyScores(tape, tape.outputs[tape.outputs.length - 1].at, Z);
  }

  backward(theta: Float64Array, X: Matrix, rows: Int32Array | null, dZ: Float64Array, grad: Float64Array): void {
    const tape = this.tapeFor(theta, X, rows);
    const k = this.kernels;
    k.release(tape.end);
    const pass: Pass = { k, n: tape.n, training: this.training };
    const grads = this.layers.map((layer) => layer.allocGradient(k));
    const K = this.numClasses;
    const Kp = padTo(K, k.lanes);
    let d = k.alloc(tape.n * Kp);
    const dv = k.view(d, tape.n * Kp);
    for (let r = 0; r < tape.n; r++) for (let c = 0; c < K; c++) dv[r * Kp + c] = dZ[r * K + c];
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const next = this.layers[l].backward(pass, tape.params[l], grads[l], tape.inputs[l], tape.outputs[l], d, l > 0);
      if (next !== null) d = next;
    }
    this.layers.forEach((layer, l) => layer.unpackGradient(k, grads[l], grad, this.offsets[l]));
  }

  /** J·v by forward mode through the layers (in evaluation mode: no dropout). */
  jacobianVector(theta: Float64Array, X: Matrix, rows: Int32Array | null, v: Float64Array, out: Float64Array): void {
    const tape = this.run(theta, X, rows, null);
    const k = this.kernels;
    const pass: Pass = { k, n: tape.n, training: null };
    const tangents = this.layers.map((layer, l) => layer.pack(k, v, this.offsets[l]));
    let t: number | null = null;
    this.layers.forEach((layer, l) => {
      t = layer.jvp(pass, tape.params[l], tangents[l], tape.inputs[l], tape.outputs[l], t);
    });
    this.copyScores(tape, t!, out);
    k.release(tape.end);
  }

  penaltyMask(): Uint8Array {
    const mask = new Uint8Array(this.numParams);
    this.layers.forEach((layer, l) => {
      let at = this.offsets[l];
      for (const block of layer.blocks()) {
        const size = block.shape.reduce((a, b) => a * b, 1);
        if (block.penalized) mask.fill(1, at, at + size);
        at += size;
      }
    });
    return mask;
  }

  /** The forward pass, recorded on a fresh workspace. */
  private run(theta: Float64Array, X: Matrix, rows: Int32Array | null, training: Random | null): Tape {
    this.checkShape(theta, X);
    const k = this.kernels;
    k.release(0);
    this.tape = null;
    const n = rows ? rows.length : X.rows;
    const params = this.layers.map((layer, l) => layer.pack(k, theta, this.offsets[l]));
    const pass: Pass = { k, n, training };
    const inputs: (LayerInput | Hidden)[] = [];
    const outputs: Hidden[] = [];
    let input: LayerInput | Hidden = { kind: 'data', X, rows };
    this.layers.forEach((layer, l) => {
      inputs.push(input);
      const output = layer.forward(pass, params[l], input);
      outputs.push(output);
      input = output;
    });
    this.tape = { X, rows, n, params, inputs, outputs, end: k.top() };
    return this.tape;
  }

  /** The tape of the last forward pass on these rows, or a new pass when it was for other data. */
  private tapeFor(theta: Float64Array, X: Matrix, rows: Int32Array | null): Tape {
    const t = this.tape;
    if (t && t.X === X && t.rows === rows && t.n === (rows ? rows.length : X.rows)) return t;
    return this.run(theta, X, rows, this.training);
  }

  private copyScores(tape: Tape, at: number, Z: Float64Array): void {
    const K = this.numClasses;
    const Kp = padTo(K, this.kernels.lanes);
    const z = this.kernels.view(at, tape.n * Kp);
    for (let r = 0; r < tape.n; r++) for (let c = 0; c < K; c++) Z[r * K + c] = z[r * Kp + c];
  }

  private checkShape(theta: Float64Array, X: Matrix): void {
    if (X.cols !== this.numFeatures) {
      throw new RangeError(`the data has ${X.cols} features but the network expects ${this.numFeatures}`);
    }
    if (theta.length !== this.numParams) {
      throw new RangeError(`parameter vector has ${theta.length} values, expected ${this.numParams}`);
    }
  }
}

/** A multilayer perceptron: what `--model mlp` trains. */
export interface MlpSpec {
  /** Units of each hidden layer, e.g. [256] or [256, 128]. */
  hidden: readonly number[];
  /** Activation of the hidden layers (default relu). */
  activation?: ActivationName;
  /** Inverted-dropout rate after each hidden activation, in [0, 1) (default 0). */
  dropout?: number;
}

const MLP_KEYS: readonly string[] = ['hidden', 'activation', 'dropout'];

/** Checks an MLP description before any work; the errors name the option and the accepted values. */
export function checkMlpSpec(spec: MlpSpec): void {
  // Callers in plain JavaScript get no type check: a misspelled key would be ignored silently.
  const unknown = Object.keys(spec).find((key) => !MLP_KEYS.includes(key));
  if (unknown !== undefined) throw new RangeError(`mlp: unknown option "${unknown}"; expected ${MLP_KEYS.join(', ')}`);
  if (spec.hidden !== undefined && !Array.isArray(spec.hidden)) throw new RangeError(`hidden must be an array of layer sizes, e.g. [256]; got ${JSON.stringify(spec.hidden)}`);
  if (!Array.isArray(spec.hidden) || spec.hidden.length === 0) throw new RangeError('hidden: give at least one hidden layer size, e.g. [256]');
  spec.hidden.forEach((h, i) => {
    if (!(Number.isInteger(h) && h >= 1 && h <= 1 << 16)) throw new RangeError(`hidden: layer ${i + 1} has size ${h}; sizes must be integers from 1 to 65536`);
  });
  if (spec.dropout !== undefined && typeof spec.dropout !== 'number') throw new RangeError(`dropout must be a number in [0, 1), got ${JSON.stringify(spec.dropout)}`);
  if (spec.dropout !== undefined && !(spec.dropout >= 0 && spec.dropout < 1)) throw new RangeError(`dropout must be in [0, 1), got ${spec.dropout}`);
}

/** The layer list of an MLP: dense, activation (and dropout) per hidden layer, then a dense layer to the K scores. */
export function mlpLayers(D: number, K: number, spec: MlpSpec, fitIntercept = true): Layer[] {
  checkMlpSpec(spec);
  const activation = spec.activation ?? 'relu';
  const layers: Layer[] = [];
  let inputs = D;
  for (const h of spec.hidden) {
    const act = new ActivationLayer(h, activation);
    layers.push(new Dense(inputs, h, fitIntercept, act.activation.init), act);
    if (spec.dropout) layers.push(new DropoutLayer(h, spec.dropout));
    inputs = h;
  }
  layers.push(new Dense(inputs, K, fitIntercept, 'glorot'));
  return layers;
}

/** Layers from their model-file descriptions (shapes checked by SequentialScores). */
export function layersFromSpec(specs: LayerSpec[]): Layer[] {
  let width = 0;
  return specs.map((s, i) => {
    if (s.type === 'dense') {
      width = s.outputs;
      return new Dense(s.inputs, s.outputs, s.bias);
    }
    if (i === 0) throw new RangeError(`layer 1 is ${s.type}; the first layer must be dense`);
    if (s.type === 'activation') return new ActivationLayer(width, s.activation);
    if (s.type === 'dropout') return new DropoutLayer(width, s.rate);
    throw new RangeError(`layer ${i + 1}: unknown type ${JSON.stringify((s as { type: unknown }).type)}; expected dense, activation or dropout`);
  });
}
