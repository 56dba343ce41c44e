/**
 * Elementwise activations a = σ(z) of hidden layers. Each gives its
 * derivative from the output alone (σ'(z) as a function of a = σ(z)), so the
 * backward pass and the Jacobian–vector product need only the activations.
 *
 * Adding one: an entry here (name, forward, derivative from the output, the
 * initializer that suits it); the gradient-check matrix picks it up.
 */
export interface Activation {
  readonly name: string;
  /** a = σ(z), elementwise. */
  apply(z: number): number;
  /** σ'(z) written through a = σ(z). */
  derivativeFromOutput(a: number): number;
  /** He initialization for ReLU-like units, Glorot for symmetric ones. */
  readonly init: 'he' | 'glorot';
}

export const ACTIVATIONS = {
  relu: { name: 'relu', apply: (z: number) => (z > 0 ? z : 0), derivativeFromOutput: (a: number) => (a > 0 ? 1 : 0), init: 'he' },
  tanh: { name: 'tanh', apply: Math.tanh, derivativeFromOutput: (a: number) => 1 - a * a, init: 'glorot' },
  identity: { name: 'identity', apply: (z: number) => z, derivativeFromOutput: () => 1, init: 'glorot' },
} as const satisfies Record<string, Activation>;

export type ActivationName = keyof typeof ACTIVATIONS;
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

export function activationByName(name: string): Activation {
  if (!Object.hasOwn(ACTIVATIONS, name)) {
    throw new RangeError(`activation: unknown value ${JSON.stringify(name)}; expected one of ${ACTIVATION_NAMES.join(', ')}`);
  }
  return ACTIVATIONS[name as ActivationName];
}
