/** The notebook's functions (prediction, crossEntropyGrad) compute on the library's default kernels, as training does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows } from '../src/data/dense.js';
import { type Kernels } from '../src/kernels/kernels.js';
import { referenceKernels } from '../src/kernels/reference.js';
import { defaultKernels, setDefaultKernels } from '../src/kernels/select.js';
import { crossEntropyGrad, prediction } from '../src/notebook.js';
import { assertClose } from './helpers.js';

test('prediction and crossEntropyGrad run their products on the kernels setDefaultKernels installs, with the same values', () => {
  const calls: string[] = [];
  const counting: Kernels = {
    ...referenceKernels,
    linearForward: (...a) => (calls.push('linearForward'), referenceKernels.linearForward(...a)),
    linearBackward: (...a) => (calls.push('linearBackward'), referenceKernels.linearBackward(...a)),
  };
  const before = defaultKernels();
  setDefaultKernels(counting);
  try {
    // x = [1, 2], W = [[1, 0], [0, 1]], no bias: scores [1, 2], P = [1/(1+e), e/(1+e)] = [0.268941, 0.731059].
    const X = fromRows([[1, 2]]);
    const P = prediction(X, Float64Array.of(1, 0, 0, 1));
    assertClose(P.data, [0.268941, 0.731059], 5e-7, 'P');
    // Gold class 0: (P − T)ᵀx = [−0.731059·[1, 2], 0.731059·[1, 2]].
    const g = crossEntropyGrad(X, [0], P);
    assertClose(g.W.data, [-0.731059, -1.462117, 0.731059, 1.462117], 5e-7, 'gradient');
  } finally {
    setDefaultKernels(before);
  }
  assert.deepEqual(calls, ['linearForward', 'linearBackward']);
});
