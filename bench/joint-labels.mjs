// Joint model with per-example candidate sets: N examples, each with 10
// candidates drawn from L labels; f(x, y) = base features conjoined with the
// label, hashed into 2^18 joint features. Trains 5 epochs of minibatch SGD on
// the softmax over candidates. Prints one JSON line (seconds, accuracy).
// Usage: joint-labels.mjs <L>
import { trainJoint } from '../dist/src/joint/joint-model.js';
import { murmur3 } from '../dist/src/text/hash.js';
import { Random } from '../dist/src/random.js';

const L = Number(process.argv[2]);
const N = 20000, C = 10, BASE = 30, F = 1 << 18;
const rng = new Random(1);
// Each label has a hidden prototype over 8 of the 30 base features; an example's gold label is the candidate whose prototype it matches.
const proto = (label) => { const r = new Random(label + 7); return Array.from({ length: 8 }, () => r.int(BASE)); };
const indptr = [0], indices = [], values = [], offsets = [0], gold = [], labels = [];
for (let i = 0; i < N; i++) {
  const cands = Array.from({ length: C }, () => rng.int(L));
  const g = rng.int(C);
  const active = new Set(proto(cands[g]));
  for (let t = 0; t < C; t++) {
    const row = new Map();
    for (const j of active) {
      // Conjoin base feature j with "does label y's prototype contain j" — label-dependent, shared across labels.
      const hit = proto(cands[t]).includes(j) ? 1 : 0;
      const col = murmur3(`f${j}&match=${hit}`) % F;
      row.set(col, (row.get(col) ?? 0) + 1);
    }
    for (const col of [...row.keys()].sort((a, b) => a - b)) { indices.push(col); values.push(row.get(col)); }
    indptr.push(indices.length);
    labels.push(`label${cands[t]}`);
  }
  offsets.push(labels.length);
  gold.push(g);
}
const data = { X: { kind: 'csr', rows: labels.length, cols: F, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float64Array.from(values), scale: 1 }, offsets: Int32Array.from(offsets), gold: Int32Array.from(gold), candidateLabels: labels };
const t0 = performance.now();
const { model } = trainJoint(data, { optimizer: 'sgd', maxEpochs: 5, batchSize: 64, learningRate: 0.5 });
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ labels: L, examples: N, candidates: C, joint_features: F, seconds, train_acc: model.accuracy(data), rss_mb: process.memoryUsage().rss / 2 ** 20 }));
