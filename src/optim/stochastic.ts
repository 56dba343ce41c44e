/**
 * Stochastic optimizers as init/update pairs whose state is plain data
 * (optax's design): the state serializes to JSON, so training can be
 * checkpointed and resumed with identical results.
 *
 * update(θ, g, state, η) applies one step in place, η the (scheduled)
 * learning rate.
 */
import { arenaOf } from './parameter-arena.js';

export interface OptimizerState {
  /** Which optimizer wrote this state. */
  kind: StochasticName;
  /** Steps taken. */
  step: number;
  /** Per-parameter accumulators (momentum, squared-gradient sums, moments). */
  slots: Record<string, Float64Array>;
}

export type StochasticName = 'sgd' | 'adagrad' | 'adam';

export interface StochasticOptimizer {
  readonly name: StochasticName;
  init(numParams: number): OptimizerState;
  update(theta: Float64Array, grad: Float64Array, state: OptimizerState, learningRate: number): void;
}

/** Plain SGD, with heavy-ball or Nesterov momentum μ: v ← μv + g; θ ← θ − η(g + μv) (Nesterov) or θ − ηv. */
export function sgd(momentum = 0, nesterov = false): StochasticOptimizer {
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`momentum must be in [0, 1), got ${momentum}`);
  if (nesterov && momentum === 0) throw new RangeError('nesterov needs a momentum > 0');
  return {
    name: 'sgd',
    init: (n): OptimizerState => ({ kind: 'sgd', step: 0, slots: momentum > 0 ? { velocity: new Float64Array(n) } : ({} as Record<string, Float64Array>) }),
    update(theta, g, state, lr) {
      state.step++;
      const v = state.slots.velocity;
      const arena = v ? arenaOf(theta, g, v) : arenaOf(theta, g);
      if (arena) return arena.sgd(theta, g, v ?? null, lr, momentum, nesterov);
      if (!v) {
        for (let p = 0; p < theta.length; p++) theta[p] -= lr * g[p];
        return;
      }
      for (let p = 0; p < theta.length; p++) {
        v[p] = momentum * v[p] + g[p];
        theta[p] -= lr * (nesterov ? g[p] + momentum * v[p] : v[p]);
      }
    },
  };
}

/**
 * AdaGrad (the lecture's per-parameter rate): Gₚ ← Gₚ + gₚ², θₚ ← θₚ − η gₚ / √(ε + Gₚ).
 * Parameters of rare (sparse) features keep larger steps.
 */
export function adagrad(epsilon = 1e-10): StochasticOptimizer {
  if (!(epsilon > 0)) throw new RangeError(`epsilon must be > 0, got ${epsilon}`);
  return {
    name: 'adagrad',
    init: (n) => ({ kind: 'adagrad', step: 0, slots: { sumSquares: new Float64Array(n) } }),
    update(theta, g, state, lr) {
      state.step++;
      const G = state.slots.sumSquares;
      const arena = arenaOf(theta, g, G);
      if (arena) return arena.adagrad(theta, g, G, lr, epsilon);
      for (let p = 0; p < theta.length; p++) {
        G[p] += g[p] * g[p];
        theta[p] -= (lr * g[p]) / Math.sqrt(epsilon + G[p]);
      }
    },
  };
}

/** Adam (Kingma & Ba): bias-corrected first and second moments. */
export function adam(beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): StochasticOptimizer {
  for (const [name, b] of [['beta1', beta1], ['beta2', beta2]] as const) {
    if (!(b >= 0 && b < 1)) throw new RangeError(`${name} must be in [0, 1), got ${b}`);
  }
  return {
    name: 'adam',
    init: (n) => ({ kind: 'adam', step: 0, slots: { m: new Float64Array(n), v: new Float64Array(n) } }),
    update(theta, g, state, lr) {
      const t = ++state.step;
      const { m, v } = state.slots;
      // θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); constants hoisted (a hot loop for networks).
      const step = lr / (1 - beta1 ** t);
      const unbias2 = 1 / (1 - beta2 ** t);
      const b1 = beta1;
      const b2 = beta2;
      const a1 = 1 - beta1;
      const a2 = 1 - beta2;
      const eps = epsilon;
      const arena = arenaOf(theta, g, m, v);
      if (arena) return arena.adam(theta, g, m, v, step, unbias2, b1, b2, a1, a2, eps);
      const n = theta.length;
      for (let p = 0; p < n; p++) {
        const gp = g[p];
        const mp = b1 * m[p] + a1 * gp;
        const vp = b2 * v[p] + a2 * gp * gp;
        m[p] = mp;
        v[p] = vp;
        theta[p] -= (step * mp) / (Math.sqrt(vp * unbias2) + eps);
      }
    },
  };
}

/** The effective per-parameter step of the last update, for proximal (L1) steps. */
export function effectiveRate(state: OptimizerState, p: number, lr: number): number {
  if (state.kind === 'adagrad') return lr / Math.sqrt(1e-10 + state.slots.sumSquares[p]);
  return lr;
}

/** JSON-ready form of a state (typed arrays become number arrays; float64 values round-trip exactly). */
export function stateToJson(state: OptimizerState): { kind: string; step: number; slots: Record<string, number[]> } {
  return { kind: state.kind, step: state.step, slots: Object.fromEntries(Object.entries(state.slots).map(([k, a]) => [k, Array.from(a)])) };
}

export function stateFromJson(json: { kind: string; step: number; slots: Record<string, number[]> }): OptimizerState {
  return {
    kind: json.kind as StochasticName,
    step: json.step,
    slots: Object.fromEntries(Object.entries(json.slots).map(([k, a]) => [k, Float64Array.from(a)])),
  };
}
