import { type LayerInput, type LayerKernels, padTo } from '../kernels/layer-kernels.js';
import { type Random } from '../random.js';
import { type Activation, activationByName } from './activations.js';

/** Hidden values in the kernels' workspace: n rows of `stride` values, the first `count` used. */
export interface Hidden {
  kind: 'hidden';
  at: number;
  count: number;
  stride: number;
}

/** One pass over a batch: the kernels, the batch size, and dropout's generator when training. */
export interface Pass {
  k: LayerKernels;
  n: number;
  training: Random | null;
}

/** A block of θ a layer owns: its name, shape, whether L2 applies and how it starts. */
export interface ParamBlock {
  name: string;
  shape: number[];
  penalized: boolean;
  init: 'he' | 'glorot' | 'zeros';
}

/** How a layer is written in a model file. */
export type LayerSpec =
  | { type: 'dense'; inputs: number; outputs: number; bias: boolean }
  | { type: 'activation'; activation: string }
  | { type: 'dropout'; rate: number };

/**
 * A layer of a network whose parameters are a slice of one flat θ (so every
 * optimizer works unchanged). Each layer does its forward pass, its
 * vector–Jacobian product (backward) and its Jacobian–vector product (the
 * R-operator: how the output moves when θ moves along v and the input along t).
 */
export interface Layer {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly numParams: number;
  blocks(): ParamBlock[];
  spec(): LayerSpec;
  /** This layer's parameters θ[offset ..] copied into the workspace (null when it has none). */
  pack(k: LayerKernels, theta: Float64Array, offset: number): Packed | null;
  forward(p: Pass, params: Packed | null, input: LayerInput | Hidden): Hidden;
  /** Workspace accumulators for this layer's gradient (null when it has no parameters). */
  allocGradient(k: LayerKernels): Packed | null;
  /** grad[offset ..] += the accumulators. */
  unpackGradient(k: LayerKernels, g: Packed | null, grad: Float64Array, offset: number): void;
  /**
   * Given dOut = ∂L/∂output (rows of the output's stride), adds ∂L/∂params into g and returns
   * ∂L/∂input (rows of the input's stride) when wantInput, else null. May overwrite dOut.
   */
  backward(p: Pass, params: Packed | null, g: Packed | null, input: LayerInput | Hidden, output: Hidden, dOut: number, wantInput: boolean): number | null;
  /** The output's tangent for parameter tangent v and input tangent tIn (null: the input is data, fixed). May overwrite tIn. */
  jvp(p: Pass, params: Packed | null, v: Packed | null, input: LayerInput | Hidden, output: Hidden, tIn: number | null): number;
}

/** A layer's parameters in the workspace: weights and bias handles. */
export interface Packed {
  W: number;
  b: number | null;
}

/**
 * A fully connected layer: out = x·W + b, W of I×O (row i: the weights out of
 * input i, the layout whose rows a sparse input row touches), b of O. The
 * first layer reads the data itself (CSR or dense), skipping its zeros.
 */
export class Dense implements Layer {
  readonly numParams: number;

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
    readonly bias = true,
    /** Initialization of W: He for a ReLU that follows, Glorot otherwise. */
    readonly init: 'he' | 'glorot' = 'glorot',
  ) {
    this.numParams = inputSize * outputSize + (bias ? outputSize : 0);
  }

  blocks(): ParamBlock[] {
    const w: ParamBlock = { name: 'W', shape: [this.inputSize, this.outputSize], penalized: true, init: this.init };
    return this.bias ? [w, { name: 'b', shape: [this.outputSize], penalized: false, init: 'zeros' }] : [w];
  }

  spec(): LayerSpec {
    return { type: 'dense', inputs: this.inputSize, outputs: this.outputSize, bias: this.bias };
  }

  pack(k: LayerKernels, theta: Float64Array, offset: number): Packed {
    const I = this.inputSize;
    const O = this.outputSize;
    const Op = padTo(O, k.lanes);
    // Padding columns must be zero; without padding every value is written below.
    const W = k.alloc(I * Op, Op !== O);
    const b = this.bias ? k.alloc(Op, Op !== O) : null;
    const w = k.view(W, I * Op);
    if (Op === O) w.set(theta.subarray(offset, offset + I * O));
    else for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) w[i * Op + o] = theta[offset + i * O + o];
    if (b !== null) k.view(b, O).set(theta.subarray(offset + I * O, offset + I * O + O));
    return { W, b };
  }

  forward(p: Pass, params: Packed, input: LayerInput | Hidden): Hidden {
    const Op = padTo(this.outputSize, p.k.lanes);
    const at = p.k.alloc(p.n * Op, false); // the forward kernel writes every column
    p.k.affineForward(input, p.n, params.W, params.b, Op, at, false);
    return { kind: 'hidden', at, count: this.outputSize, stride: Op };
  }

  allocGradient(k: LayerKernels): Packed {
    const Op = padTo(this.outputSize, k.lanes);
    return { W: k.alloc(this.inputSize * Op), b: this.bias ? k.alloc(Op) : null };
  }

  unpackGradient(k: LayerKernels, g: Packed, grad: Float64Array, offset: number): void {
    const I = this.inputSize;
    const O = this.outputSize;
    const Op = padTo(O, k.lanes);
    const w = k.view(g.W, I * Op);
    if (Op === O) for (let t = 0; t < I * O; t++) grad[offset + t] += w[t];
    else for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) grad[offset + i * O + o] += w[i * Op + o];
    if (g.b !== null) {
      const b = k.view(g.b, O);
      for (let o = 0; o < O; o++) grad[offset + I * O + o] += b[o];
    }
  }

  backward(p: Pass, params: Packed, g: Packed, input: LayerInput | Hidden, _output: Hidden, dOut: number, wantInput: boolean): number | null {
    const Op = padTo(this.outputSize, p.k.lanes);
    p.k.affineBackwardWeights(input, p.n, dOut, Op, g.W, g.b);
    if (!wantInput) return null;
    if (input.kind !== 'hidden') throw new Error('Dense.backward: no input gradient for the data');
    const dIn = p.k.alloc(p.n * input.stride);
    p.k.affineBackwardInput(p.n, dOut, Op, params.W, this.inputSize, input.stride, dIn);
    return dIn;
  }

  /** t = x·V + v_b + tIn·W. */
  jvp(p: Pass, params: Packed, v: Packed, input: LayerInput | Hidden, _output: Hidden, tIn: number | null): number {
    const Op = padTo(this.outputSize, p.k.lanes);
    const t = p.k.alloc(p.n * Op, false);
    p.k.affineForward(input, p.n, v.W, v.b, Op, t, false);
    if (tIn !== null) {
      if (input.kind !== 'hidden') throw new Error('Dense.jvp: an input tangent needs hidden input');
      p.k.affineForward({ kind: 'hidden', at: tIn, count: this.inputSize, stride: input.stride }, p.n, params.W, null, Op, t, true);
    }
    return t;
  }
}

/** An elementwise activation a = σ(z), in place on its input. */
export class ActivationLayer implements Layer {
  readonly numParams = 0;
  readonly outputSize: number;
  readonly activation: Activation;

  constructor(
    readonly inputSize: number,
    name: string,
  ) {
    this.activation = activationByName(name);
    this.outputSize = inputSize;
  }

  blocks(): ParamBlock[] {
    return [];
  }

  spec(): LayerSpec {
    return { type: 'activation', activation: this.activation.name };
  }

  pack(): null {
    return null;
  }

  forward(p: Pass, _params: null, input: LayerInput | Hidden): Hidden {
    if (input.kind !== 'hidden') throw new Error('an activation cannot be the first layer');
    if (this.activation.name === 'identity') return input;
    if (this.activation.name === 'relu') {
      // The hot case, a kernel (padding columns are 0 and stay 0).
      p.k.reluForward(input.at, p.n * input.stride);
      return input;
    }
    const a = p.k.view(input.at, p.n * input.stride);
    const f = this.activation.apply;
    for (let r = 0; r < p.n; r++) {
      const base = r * input.stride;
      for (let j = 0; j < input.count; j++) a[base + j] = f(a[base + j]);
    }
    return input;
  }

  allocGradient(): null {
    return null;
  }

  unpackGradient(): void {}

  /** ∂L/∂z = ∂L/∂a ⊙ σ'(z), in place. */
  backward(p: Pass, _params: null, _g: null, _input: LayerInput | Hidden, output: Hidden, dOut: number): number {
    this.scaleByDerivative(p, output, dOut);
    return dOut;
  }

  jvp(p: Pass, _params: null, _v: null, _input: LayerInput | Hidden, output: Hidden, tIn: number | null): number {
    if (tIn === null) throw new Error('an activation cannot be the first layer');
    this.scaleByDerivative(p, output, tIn);
    return tIn;
  }

  private scaleByDerivative(p: Pass, output: Hidden, at: number): void {
    if (this.activation.name === 'identity') return;
    if (this.activation.name === 'relu') return p.k.reluBackward(output.at, at, p.n * output.stride);
    const a = p.k.view(output.at, p.n * output.stride);
    const d = p.k.view(at, p.n * output.stride);
    const df = this.activation.derivativeFromOutput;
    for (let r = 0; r < p.n; r++) {
      const base = r * output.stride;
      for (let j = 0; j < output.count; j++) d[base + j] *= df(a[base + j]);
    }
  }
}

/**
 * Inverted dropout: in training each unit is zeroed with probability `rate`
 * and the others scaled by 1/(1 − rate), so evaluation uses the network as
 * is. The mask comes from the trainer's seeded generator (reproducible).
 */
export class DropoutLayer implements Layer {
  readonly numParams = 0;
  readonly outputSize: number;
  private mask: number | null = null;

  constructor(
    readonly inputSize: number,
    readonly rate: number,
  ) {
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout must be in [0, 1), got ${rate}`);
    this.outputSize = inputSize;
  }

  blocks(): ParamBlock[] {
    return [];
  }

  spec(): LayerSpec {
    return { type: 'dropout', rate: this.rate };
  }

  pack(): null {
    return null;
  }

  forward(p: Pass, _params: null, input: LayerInput | Hidden): Hidden {
    if (input.kind !== 'hidden') throw new Error('dropout cannot be the first layer');
    this.mask = null;
    if (!p.training || this.rate === 0) return input;
    const size = p.n * input.stride;
    const mask = p.k.alloc(size);
    const out = p.k.alloc(size);
    const m = p.k.view(mask, size);
    const keep = 1 / (1 - this.rate);
    for (let r = 0; r < p.n; r++) {
      for (let j = 0; j < input.count; j++) m[r * input.stride + j] = p.training.next() < this.rate ? 0 : keep;
    }
    const a = p.k.view(input.at, size);
    const o = p.k.view(out, size);
    for (let t = 0; t < size; t++) o[t] = a[t] * m[t];
    this.mask = mask;
    return { kind: 'hidden', at: out, count: input.count, stride: input.stride };
  }

  allocGradient(): null {
    return null;
  }

  unpackGradient(): void {}

  backward(p: Pass, _params: null, _g: null, _input: LayerInput | Hidden, output: Hidden, dOut: number): number {
    this.applyMask(p, output, dOut);
    return dOut;
  }

  jvp(p: Pass, _params: null, _v: null, _input: LayerInput | Hidden, output: Hidden, tIn: number | null): number {
    if (tIn === null) throw new Error('dropout cannot be the first layer');
    this.applyMask(p, output, tIn);
    return tIn;
  }

  private applyMask(p: Pass, output: Hidden, at: number): void {
    if (this.mask === null) return;
    const size = p.n * output.stride;
    const m = p.k.view(this.mask, size);
    const d = p.k.view(at, size);
    for (let t = 0; t < size; t++) d[t] *= m[t];
  }
}
