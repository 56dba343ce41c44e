/** Out-of-core training: the row cache round trip, the streamed objective against the in-memory one, cleanup. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { type CsrMatrix } from '../src/data/csr.js';
import { LabelTable } from '../src/data/labels.js';
import { RowCache, RowCacheWriter } from '../src/data/row-cache.js';
import { kernelsByName } from '../src/kernels/select.js';
import { softmaxCrossEntropy } from '../src/losses/softmax-cross-entropy.js';
import { EmpiricalRisk } from '../src/objective/empirical-risk.js';
import { StreamedRisk } from '../src/objective/streamed-risk.js';
import { LinearScores } from '../src/scores/linear.js';
import { TextFeaturizer } from '../src/text/featurizer.js';
import { trainSoftmax } from '../src/train/train.js';
import { evaluateStreamed, trainSoftmaxStreamed } from '../src/train/train-streamed.js';
import { evaluateModel } from '../src/train/evaluate.js';
import { exampleWeights } from '../src/train/options.js';
import { checkGradient } from '../src/gradcheck.js';
import { Random } from '../src/random.js';
import { withHeldData, matrixArrays } from '../src/kernels/held-data.js';
import { randomVector } from './helpers.js';
import { scratchDir } from './support/scratch-dir.js';

/** Seeded texts of 3 classes over 700 words: each class prefers its own words, so the classes are learnable. */
function texts(n: number, seed: number): { texts: string[]; y: Int32Array } {
  const rng = new Random(seed);
  const out: string[] = [];
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % 3 === 2 && rng.next() < 0.5 ? 0 : i % 3; // unequal class sizes, for the balanced weights
    y[i] = k;
    const words: string[] = [];
    const len = 15 + rng.int(25);
    for (let t = 0; t < len; t++) words.push(`w${rng.next() < 0.3 ? k * 100 + rng.int(100) : 300 + rng.int(400)}`);
    out.push(words.join(' '));
  }
  return { texts: out, y };
}

function withTempDir<T>(body: (dir: string) => T): T {
  const dir = scratchDir('argmax-ooc-test-');
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pushes every row of X (with labels y) into a cache with small blocks, so a pass spans many blocks. */
function cacheOf(X: CsrMatrix, y: Int32Array, dir: string, blockNonZeros = 700): RowCache {
  const w = new RowCacheWriter({ dir, blockNonZeros, blockRows: 50 });
  for (let i = 0; i < X.rows; i++) {
    const a = X.indptr[i];
    const e = X.indptr[i + 1];
    w.push(X.indices.subarray(a, e), X.values.subarray(a, e) as Float64Array, e - a, y[i]);
  }
  return w.finish(X.cols);
}

const relMax = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
};

test('row cache: rows read back block by block equal the rows pushed, with class counts; nothing is left in the directory', () => {
  withTempDir((dir) => {
    const { texts: t, y } = texts(300, 1);
    const X = new TextFeaturizer().fitTransform(t);
    const cache = cacheOf(X, y, dir);
    // The file is unlinked as soon as it is created: the directory is empty while the cache is open.
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(cache.rows, 300);
    assert.equal(cache.nnz, X.indptr[300]);
    assert.ok(cache.numBlocks >= 6, `${cache.numBlocks} blocks`);
    assert.deepEqual([...cache.classCounts], [0, 1, 2].map((k) => y.filter((v) => v === k).length));
    for (let pass = 0; pass < 2; pass++) {
      let row = 0;
      cache.forEachBlock((b) => {
        assert.equal(b.firstRow, row);
        for (let r = 0; r < b.X.rows; r++, row++) {
          const got = b.X.indptr[r];
          const len = b.X.indptr[r + 1] - got;
          assert.equal(len, X.indptr[row + 1] - X.indptr[row], `row ${row} length`);
          assert.deepEqual(Array.from(b.X.indices.subarray(got, got + len)), Array.from(X.indices.subarray(X.indptr[row], X.indptr[row + 1])));
          assert.deepEqual(Array.from(b.X.values.subarray(got, got + len)), Array.from(X.values.subarray(X.indptr[row], X.indptr[row + 1])));
          assert.equal(b.y[r], y[row]);
        }
      });
      assert.equal(row, 300);
    }
    cache.close();
    assert.throws(() => cache.forEachBlock(() => {}), /closed/);
  });
});

test('row cache: a row longer than a block gets its own block; bad column order and bad widths are refused', () => {
  withTempDir((dir) => {
    const w = new RowCacheWriter({ dir, blockNonZeros: 4 });
    w.push(Int32Array.from([1, 3]), Float64Array.from([0.5, -2]), 2, 0);
    w.push(Int32Array.from([0, 2, 4, 6, 8, 9]), Float64Array.from([1, 2, 3, 4, 5, 6]), 6, 1);
    w.push(Int32Array.from([7]), Float64Array.from([7]), 1, 1);
    assert.throws(() => w.push(Int32Array.from([3, 2]), Float64Array.from([1, 1]), 2, 0), /row 4: column indices must be ≥ 0 and increasing \(3 then 2\)/);
    assert.throws(() => w.finish(9), /9 columns, but a row uses column 9/);
    const cache = w.finish(10);
    const seen: number[][] = [];
    cache.forEachBlock((b) => {
      for (let r = 0; r < b.X.rows; r++) seen.push(Array.from(b.X.values.subarray(b.X.indptr[r], b.X.indptr[r + 1])));
    });
    assert.deepEqual(seen, [[0.5, -2], [1, 2, 3, 4, 5, 6], [7]]);
    assert.equal(cache.numBlocks, 3);
    cache.close();
    assert.deepEqual(readdirSync(dir), []);
  });
});

for (const backend of ['wasm', 'reference'] as const) {
  test(`streamed objective (${backend}): value, gradient, H·v and the Hessian diagonal equal the in-memory objective's to 1e-12 relative`, () => {
    withTempDir((dir) => {
      const kernels = kernelsByName(backend);
      const { texts: t, y } = texts(400, 2);
      const X = new TextFeaturizer().fitTransform(t);
      const labels = new LabelTable([0, 1, 2]);
      const data = { X, y, labels };
      const cache = cacheOf(X, y, dir);
      const scores = new LinearScores(3, X.cols, true, kernels);
      const sw = exampleWeights(data, { classWeight: 'balanced' })!;
      const perClass = Float64Array.from([0, 1, 2], (k) => sw[y.indexOf(k)]);
      for (const reduction of ['sum', 'mean'] as const) {
        const memory = new EmpiricalRisk(scores, softmaxCrossEntropy, data, { reduction, l2: 0.1, sampleWeight: sw, secondOrder: true });
        const streamed = new StreamedRisk(scores, cache, { reduction, l2: 0.1, classWeight: perClass, secondOrder: true });
        const theta = randomVector(scores.numParams, 3, 0.5);
        const v = randomVector(scores.numParams, 4);
        const [g1, g2, h1, h2, d1, d2] = Array.from({ length: 6 }, () => new Float64Array(scores.numParams));
        withHeldData([...matrixArrays(X), y, sw], () => {
          const f1 = memory.valueAndGradient(theta, g1);
          const f2 = streamed.valueAndGradient(theta, g2);
          assert.ok(Math.abs(f1 - f2) <= 1e-12 * Math.abs(f1), `${reduction}: value ${f2} vs ${f1}`);
          assert.equal(streamed.value(theta), f2);
          memory.hessianVector!(v, h1);
          streamed.hessianVector!(v, h2);
          memory.hessianDiagonal!(d1);
          streamed.hessianDiagonal!(d2);
        });
        assert.ok(relMax(g2, g1) <= 1e-12, `${reduction}: gradient ${relMax(g2, g1)}`);
        assert.ok(relMax(h2, h1) <= 1e-12, `${reduction}: H·v ${relMax(h2, h1)}`);
        assert.ok(relMax(d2, d1) <= 1e-12, `${reduction}: diagonal ${relMax(d2, d1)}`);
      }
      cache.close();
    });
  });
}

test('streamed objective: the gradient and H·v match central finite differences of the value and the gradient', () => {
  withTempDir((dir) => {
    const { texts: t, y } = texts(150, 5);
    const X = new TextFeaturizer().fitTransform(t);
    const cache = cacheOf(X, y, dir);
    const scores = new LinearScores(3, X.cols, true);
    const risk = new StreamedRisk(scores, cache, { reduction: 'sum', l2: 0.3, classWeight: Float64Array.from([1, 2, 0.5]), secondOrder: true });
    const theta = randomVector(scores.numParams, 6, 0.5);
    const g = new Float64Array(scores.numParams);
    risk.valueAndGradient(theta, g);
    const picks = Array.from({ length: 40 }, (_, i) => Math.floor((i * scores.numParams) / 40));
    const check = checkGradient((x) => risk.value(x), g, theta, { indices: picks });
    assert.ok(check.maxError < 1e-6, `gradient: relative error ${check.maxError} at ${check.worstIndex}`);
    // H·v ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, error O(ε²) (float64, ε = 1e-5).
    const v = randomVector(scores.numParams, 7);
    const hv = new Float64Array(scores.numParams);
    risk.valueAndGradient(theta, g);
    risk.hessianVector!(v, hv);
    const eps = 1e-5;
    const gp = new Float64Array(scores.numParams);
    const gm = new Float64Array(scores.numParams);
    risk.valueAndGradient(theta.map((x, p) => x + eps * v[p]), gp);
    risk.valueAndGradient(theta.map((x, p) => x - eps * v[p]), gm);
    const fd = gp.map((x, p) => (x - gm[p]) / (2 * eps));
    assert.ok(relMax(hv, fd) < 1e-6, `H·v vs finite differences: ${relMax(hv, fd)}`);
    cache.close();
  });
});

for (const backend of ['wasm', 'reference'] as const) {
  test(`out-of-core Newton (${backend}): the weights equal in-memory training's to 1e-9 relative (C = 10, balanced classes)`, () => {
    withTempDir((dir) => {
      const kernels = kernelsByName(backend);
      const { texts: t, y } = texts(600, 8);
      const X = new TextFeaturizer().fitTransform(t);
      assert.ok(X.cols > 1024, `${X.cols} features: both runs use the diagonal preconditioner above 1024`);
      const labels = new LabelTable([0, 1, 2]);
      const options = { optimizer: 'newton', C: 10, classWeight: 'balanced', tol: 1e-10, kernels } as const;
      const memory = trainSoftmax({ X, y, labels }, options);
      const cache = cacheOf(X, y, dir, 3000);
      const streamed = trainSoftmaxStreamed(cache, labels, options);
      assert.equal(streamed.stopReason, memory.stopReason);
      assert.ok(relMax(streamed.model.W, memory.model.W) <= 1e-9, `W differs by ${relMax(streamed.model.W, memory.model.W)} (relative)`);
      assert.ok(relMax(streamed.model.b!, memory.model.b!) <= 1e-9, 'b differs');
      assert.ok(Math.abs(streamed.objective - memory.objective) <= 1e-12 * memory.objective);
      const e1 = evaluateModel(memory.model, { X, y, labels });
      const e2 = evaluateStreamed(streamed.model, cache);
      assert.equal(e2.accuracy, e1.accuracy);
      assert.ok(Math.abs(e2.crossEntropy - e1.crossEntropy) <= 1e-9 * e1.crossEntropy);
      cache.close();
    });
  });
}

test('out-of-core training refuses what it cannot stream, naming it', () => {
  withTempDir((dir) => {
    const { texts: t, y } = texts(60, 9);
    const X = new TextFeaturizer().fitTransform(t);
    const cache = cacheOf(X, y, dir);
    const labels = new LabelTable([0, 1, 2]);
    assert.throws(() => trainSoftmaxStreamed(cache, labels, { optimizer: 'sgd' }), /out-of-core training: optimizer sgd is not available/);
    assert.throws(() => trainSoftmaxStreamed(cache, labels, { optimizer: 'lbfgs', loss: 'logistic' }), /out-of-core training: loss logistic is not available/);
    cache.close();
  });
});
