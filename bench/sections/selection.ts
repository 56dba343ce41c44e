import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchContext } from '../context.js';
import { lastJson, repoPath, runCommand } from '../child.js';
import { scores } from '../text.js';

const CLI = () => repoPath('dist/src/cli/main.js');

function measure(command: string, args: string[]) {
  const r = runCommand('/usr/bin/python3', [repoPath('bench/measure.py'), command, ...args], 60 * 60_000);
  return lastJson(r.stdout) as { code: number; seconds: number; peak_rss_mb: number; stdout: string; stderr: string } | null;
}

const labelsOf = (file: string) =>
  readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0].slice('__label__'.length));

export function run(ctx: BenchContext): void {
  gridSearchVsScikitLearn(ctx);
  autotuneVsFastText(ctx);
}

/**
 * argmax search over C on the first 10,000 MNIST training images against
 * scikit-learn's GridSearchCV on the same folds (reference values committed in
 * bench/reference/, produced by bench/gridsearch_reference.py from the folds
 * argmax exports; scikit-learn is not needed to run this section).
 */
function gridSearchVsScikitLearn({ md, dir }: BenchContext): void {
  md('## Model selection: grid search over C, side by side with scikit-learn\'s GridSearchCV');
  md();
  const foldsFile = join(dir, 'folds.json');
  const r = runCommand(process.execPath, [CLI(), 'search', 'mnist:train', '--first', '10000', '--optimizer', 'newton', '--grid', 'C=0.01,0.1,1,10', '--export-folds', foldsFile, '--json']);
  const ours = lastJson(r.stdout);
  const refFile = repoPath('bench/reference/gridsearch-mnist-10k.json');
  if (!ours || !existsSync(refFile)) {
    md(`Not run: ${!ours ? `argmax search failed (${r.stderr.trim().split('\n').pop()})` : 'no reference values (run bench/gridsearch_reference.py)'}.`);
    md();
    return;
  }
  const ref = JSON.parse(readFileSync(refFile, 'utf8'));
  const exported = JSON.parse(readFileSync(foldsFile, 'utf8'));
  const sha = createHash('sha256').update(exported.fold[0].join(',')).digest('hex');
  md('`argmax search mnist:train --first 10000 --optimizer newton --grid \'C=0.01,0.1,1,10\' --export-folds folds.json`: 5-fold stratified cross-validation (seed 0) of softmax regression, scored by held-out accuracy. ' +
    `scikit-learn ${ref.scikit_learn}: \`GridSearchCV(LogisticRegression(…), {'C': [0.01, 0.1, 1, 10]}, cv=PredefinedSplit(folds))\` on the folds argmax exported, pixels / 255 as argmax reads them ` +
    `(reference values from \`python3 bench/gridsearch_reference.py\`, committed in \`bench/reference/\`). The folds this run exported ${sha === ref.fold_sha256 ? 'are identical to' : '**differ from**'} the ones the reference was computed on (SHA-256 of the assignment).`);
  md();
  const settings = Object.keys(ref.results) as string[];
  md(`| C | argmax accuracy (mean ± sd) | ${settings.map((s) => `scikit-learn ${s}`).join(' | ')} | largest difference |`);
  md(`| --- | --- | ${settings.map(() => '---').join(' | ')} | --- |`);
  const byC = new Map<number, any>(ours.results.map((x: any) => [Number(x.setting.C), x]));
  let worst = 0;
  for (const c of ref.grid as number[]) {
    const a = byC.get(c);
    const refs = settings.map((s) => ref.results[s].mean_accuracy[c.toFixed(c < 1 ? String(c).split('.')[1].length : 1)] as number);
    const diff = Math.max(...refs.map((v) => Math.abs(v - a.accuracy.mean)));
    worst = Math.max(worst, diff);
    md(`| ${c} | ${a.accuracy.mean.toFixed(4)} ± ${a.accuracy.sd.toFixed(4)} | ${refs.map((v) => v.toFixed(4)).join(' | ')} | ${diff.toFixed(4)} |`);
  }
  md(`| best C | ${ours.best.setting.C} | ${settings.map((s) => String(ref.results[s].best_C)).join(' | ')} | |`);
  md();
  const same = settings.every((s) => Number(ref.results[s].best_C) === Number(ours.best.setting.C));
  md(`Same C chosen: ${same ? 'yes' : '**no**'}; largest difference in mean accuracy ${worst.toFixed(4)} (${worst <= 0.005 ? 'within' : '**outside**'} 0.005). ` +
    `scikit-learn's default \`max_iter=100\` stops lbfgs before convergence at the larger C (ConvergenceWarning); with \`max_iter=10000\` both minimize the same objective Σ CE + ‖W‖²/(2C) to convergence.`);
  md();
}

/**
 * Autotune on the spam task within 60 s, next to fastText's
 * -autotune-validation with -autotune-duration 60, on the same files.
 */
function autotuneVsFastText({ md, dir }: BenchContext): void {
  md('## Autotune: 60 seconds on SpamAssassin, side by side with fastText -autotune-validation');
  md();
  runCommand(process.execPath, [CLI(), 'datasets', 'spam', '--out', dir, '--val-fraction', '0.2']);
  const train = join(dir, 'train.txt');
  const valid = join(dir, 'valid.txt');
  const test = join(dir, 'test.txt');
  const evalArgmax = (model: string, file: string) => lastJson(runCommand(process.execPath, [CLI(), 'test', model, file, '--json']).stdout);
  const rows: string[] = [];
  const defaultModel = join(dir, 'default.json');
  const d = measure(process.execPath, [CLI(), 'train', train, '-o', defaultModel, '--json']);
  const dv = evalArgmax(defaultModel, valid);
  const dt = evalArgmax(defaultModel, test);
  if (d && dv && dt) rows.push(`| argmax defaults | ${dv.macro_f1.toFixed(4)} | ${dt.accuracy.toFixed(4)} | ${dt.macro_f1.toFixed(4)} | ${d.seconds.toFixed(1)} | ${d.peak_rss_mb.toFixed(0)} | newton, C 10, balanced, bigrams, min-count 2 |`);
  const tunedModel = join(dir, 'tuned.json');
  const t = measure(process.execPath, [CLI(), 'train', train, '--autotune-val', valid, '--autotune-seconds', '60', '--autotune-metric', 'macro-f1', '-o', tunedModel, '--json']);
  const tj = t ? lastJson(t.stdout) : null;
  const tt = tj ? evalArgmax(tunedModel, test) : null;
  if (t && tj && tt) {
    const chosen = Object.entries(tj.best.setting as Record<string, string>).map(([k, v]) => `${k} ${v}`).join(', ') || 'the untuned setting';
    rows.push(`| argmax --autotune-seconds 60 | ${tj.best.macro_f1.toFixed(4)} | ${tt.accuracy.toFixed(4)} | ${tt.macro_f1.toFixed(4)} | ${t.seconds.toFixed(1)} | ${t.peak_rss_mb.toFixed(0)} | ${tj.trials.length} trials (${tj.trials.filter((x: any) => x.stopped).length} stopped at the deadline); chose ${chosen} |`);
  }
  const ftOut = join(dir, 'fasttext-autotune');
  // fastText may run far past its duration (the trial under way, then the final training): stopped after 10 minutes.
  const f = measure('timeout', ['600', 'fasttext', 'supervised', '-input', train, '-output', ftOut, '-autotune-validation', valid, '-autotune-duration', '60', '-verbose', '0']);
  if (f && f.code === 124) rows.push(`| fastText -autotune-duration 60 | — | — | — | > 600 | ${f.peak_rss_mb.toFixed(0)} | did not finish within 600 s (stopped) |`);
  else if (f && f.code === 0) {
    const predict = (file: string) => runCommand('fasttext', ['predict', `${ftOut}.bin`, file]).stdout.trim().split('\n').map((l) => l.trim().slice('__label__'.length));
    const sv = scores(labelsOf(valid), predict(valid));
    const st = scores(labelsOf(test), predict(test));
    const args = runCommand('fasttext', ['dump', `${ftOut}.bin`, 'args']).stdout;
    const arg = (k: string) => new RegExp(`^${k} (\\S+)`, 'm').exec(args)?.[1] ?? '?';
    rows.push(`| fastText -autotune-duration 60 | ${sv.macroF1.toFixed(4)} | ${st.accuracy.toFixed(4)} | ${st.macroF1.toFixed(4)} | ${f.seconds.toFixed(1)} | ${f.peak_rss_mb.toFixed(0)} | chose epoch ${arg('epoch')}, dim ${arg('dim')}, wordNgrams ${arg('wordNgrams')}, minCount ${arg('minCount')}, bucket ${arg('bucket')} |`);
  } else rows.push('| fastText -autotune-duration 60 | — | — | — | — | — | not run: install with `apt-get install fasttext` |');
  md(`Files from \`argmax datasets spam --val-fraction 0.2\`: ${labelsOf(train).length} training, ${labelsOf(valid).length} validation, ${labelsOf(test).length} test messages. ` +
    'argmax: `argmax train train.txt --autotune-val valid.txt --autotune-seconds 60 --autotune-metric macro-f1`, then `argmax test` on test.txt; ' +
    'fastText: `fasttext supervised -input train.txt -autotune-validation valid.txt -autotune-duration 60` (its metric: f1 over all labels). Seconds are the whole command (reading, vectorizing, every trial, saving); peak memory is the process\'s.');
  md();
  md('| tool | validation macro-F1 | test accuracy | test macro-F1 | seconds | peak memory MB | settings |');
  md('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) md(row);
  md();
  if (tj && dv) md(`Autotune's validation macro-F1 ${tj.best.macro_f1.toFixed(4)} vs the default model's ${dv.macro_f1.toFixed(4)}: ${tj.best.macro_f1 >= dv.macro_f1 ? 'at least as good (trial 1 is the default setting, so it cannot do worse on validation)' : '**worse**'}.`);
  md();
}
