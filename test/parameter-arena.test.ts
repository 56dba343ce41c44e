import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParameterArena } from '../src/optim/parameter-arena.js';
import { adagrad, adam, sgd, type StochasticOptimizer } from '../src/optim/stochastic.js';
import { randomVector } from './helpers.js';

// An odd length exercises the scalar tail after the SIMD pairs.
const N = 1001;

for (const [name, make] of [
  ['adam', () => adam()],
  ['adagrad', () => adagrad()],
  ['sgd', () => sgd()],
  ['sgd with momentum', () => sgd(0.9)],
  ['sgd with Nesterov momentum', () => sgd(0.8, true)],
] as [string, () => StochasticOptimizer][]) {
  test(`${name}: updates in WebAssembly memory give the same bits as the TypeScript loop over 20 steps`, () => {
    const plainOpt = make();
    const arenaOpt = make();
    const plainTheta = randomVector(N, 1);
    const plainState = plainOpt.init(N);
    const slots = Object.keys(plainState.slots).length;
    const arena = ParameterArena.create(N, slots)!;
    assert.ok(arena, 'WebAssembly is available in Node');
    arena.theta.set(plainTheta);
    const arenaState = arenaOpt.init(N);
    arenaState.slots = arena.adopt(arenaState.slots);
    for (let step = 0; step < 20; step++) {
      const g = randomVector(N, 100 + step, 0.3);
      arena.grad.set(g);
      plainOpt.update(plainTheta, g, plainState, 0.01 * (1 + step / 10));
      arenaOpt.update(arena.theta, arena.grad, arenaState, 0.01 * (1 + step / 10));
    }
    assert.deepEqual(Array.from(arena.theta), Array.from(plainTheta));
    for (const k of Object.keys(plainState.slots)) assert.deepEqual(Array.from(arenaState.slots[k]), Array.from(plainState.slots[k]));
    assert.equal(arenaState.step, plainState.step);
  });
}
