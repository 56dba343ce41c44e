import { checkJoint } from '../joint/joint-data.js';
import { trainJoint } from '../joint/joint-model.js';
import { saveModel } from '../io/model-file.js';
import { type TrainOptions } from '../train/options.js';
import { choiceFlag, numberFlag, UsageError } from './args.js';
import { readLabelCosts } from './costs.js';
import { loadJointData } from './data-source.js';
import { fmt } from './table.js';
import { MAX_HASH_BUCKETS } from './input-flags.js';

/** --model joint: candidate sets from JSON Lines, hashed joint features, one weight vector. */
export function trainJointCommand(spec: string, values: Record<string, any>, fo: TrainOptions, json: boolean, say: (s: string) => void): number {
  const buckets = numberFlag(values, 'hash-buckets', 1 << 20, { integer: true, min: 1, max: MAX_HASH_BUCKETS });
  const loss = choiceFlag(values, 'joint-loss', ['softmax', 'svm'] as const, 'softmax');
  const optimizer = fo.optimizer ?? 'lbfgs';
  if (optimizer !== 'lbfgs' && optimizer !== 'sgd' && optimizer !== 'adagrad' && optimizer !== 'adam') {
    throw new UsageError(`--optimizer: the joint model trains with lbfgs, sgd, adagrad or adam, got ${optimizer}`);
  }
  const t0 = performance.now();
  const data = checkJoint(loadJointData(spec, buckets), spec);
  const loadSeconds = (performance.now() - t0) / 1000;
  const cost = values.costs ? readLabelCosts(values.costs) : undefined;
  if (cost && loss !== 'svm') throw new UsageError('--costs: with --model joint only --joint-loss svm uses costs');
  const r = trainJoint(data, { loss, cost, optimizer, l2: fo.l2, learningRate: fo.learningRate, batchSize: fo.batchSize, maxEpochs: fo.maxEpochs, tol: fo.tol, maxIter: fo.maxIter, seed: fo.seed });
  const acc = r.model.accuracy(data);
  saveModel(values.output, r.model, { meta: { trainedOn: spec, model: 'joint', loss, optimizer } });
  say(`joint model: ${data.gold.length} examples, ${data.X.rows} candidates, ${buckets} hashed joint features; ${optimizer}, ${r.seconds.toFixed(2)} s${r.solver ? `, ${r.solver.reason} after ${r.solver.iterations} iterations` : ''}`);
  say(`train accuracy ${fmt(acc)}\nmodel: ${values.output}`);
  if (json) {
    console.log(JSON.stringify({
      model_kind: 'joint', seconds: r.seconds, load_seconds: loadSeconds, examples: data.gold.length, candidates: data.X.rows,
      features: buckets, stop_reason: r.solver?.reason ?? 'max_epochs', converged: r.solver ? r.solver.converged : true,
      iterations: r.solver?.iterations ?? null, train_acc: acc, model: values.output,
    }));
  }
  return 0;
}
