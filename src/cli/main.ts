#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { UsageError } from './args.js';
import { closest, flagsOfHelp, usageOfHelp } from './did-you-mean.js';
import { isMainThread } from 'node:worker_threads';
import { trainInWorker } from './train-in-worker.js';
import { DEMO_HELP, runDemo } from './demo.js';
import { LEARNING_CURVE_HELP, runLearningCurve } from './learning-curve.js';
import { TRAIN_HELP, runTrain } from './train.js';
import { TEST_HELP, runTest } from './test.js';
import { DATASETS_HELP, runDatasets } from './datasets.js';
import { PREDICT_HELP, runPredict } from './predict.js';
import { CV_HELP, runCv } from './cv.js';
import { SEARCH_HELP, runSearch } from './search.js';
import { PLAYGROUND_HELP, runPlayground } from './playground.js';
import { enableRelaxedSimd } from '../kernels/relaxed-simd-node.js';
import { setKernelThreads } from '../kernels/threads-node.js';

// The fused multiply-add kernels (Node 20 keeps relaxed SIMD behind a V8 flag).
enableRelaxedSimd();
// Full-batch sweeps on min(2, cores) threads unless --threads says otherwise.
setKernelThreads();

const HELP = `argmax: multiclass classification

Usage: argmax <command> [options]
       argmax --version

Commands:
  demo             the softmax-regression notebook on MNIST, end to end (npm start)
  learning-curve   train and test accuracy against the training-set size
  train            fit a model on data and save it
  test             evaluate a saved model on labelled data
  predict          predict labels (or probabilities) for new inputs
  datasets         write the sotu or spam text task as fastText-format files
  cv               stratified k-fold cross-validation of one setting
  search           choose a setting by grid or random search, scored by cross-validation
  playground       the browser playground: watch models learn, live

Run 'argmax <command> --help' for a command's options.`;

const COMMANDS: Record<string, { run: (argv: string[]) => number; help: string }> = {
  demo: { run: runDemo, help: DEMO_HELP },
  'learning-curve': { run: runLearningCurve, help: LEARNING_CURVE_HELP },
  train: { run: runTrain, help: TRAIN_HELP },
  test: { run: runTest, help: TEST_HELP },
  datasets: { run: runDatasets, help: DATASETS_HELP },
  predict: { run: runPredict, help: PREDICT_HELP },
  cv: { run: runCv, help: CV_HELP },
  search: { run: runSearch, help: SEARCH_HELP },
  playground: { run: runPlayground, help: PLAYGROUND_HELP },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  return pkg.version;
}

export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  // Asked for, the help is output (stdout, exit 0); without a command it is a usage error (stderr, exit 2).
  if (!command) {
    console.error(HELP);
    return 2;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(version());
    return 0;
  }
  // Own keys only: "constructor" or "__proto__" are not commands.
  const cmd = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!cmd) {
    const guess = closest(command, Object.keys(COMMANDS));
    console.error(`argmax: unknown command ${JSON.stringify(command)}${guess ? `; did you mean '${guess}'?` : ''}\n\n${HELP}`);
    return 2;
  }
  // Help is answered here for every command, before its own flags are parsed.
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(cmd.help);
    return 0;
  }
  // A training run that can be checkpointed trains in a worker thread, so this thread can hear Ctrl-C.
  if (command === 'train' && isMainThread && rest.some((a) => a === '--checkpoint' || a.startsWith('--checkpoint='))) return trainInWorker(rest);
  return runCommand(command, rest);
}

/** Runs a command, turning its errors into messages and exit codes (2: usage, 1: data, files, parameters). */
export function runCommand(command: string, rest: string[]): number {
  const cmd = COMMANDS[command];
  try {
    return cmd.run(rest);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // node:util's message speaks of positional arguments; say which flag, the closest known one, and the usage.
      const flag = /'(-[^']*)'/.exec(e.message)?.[1] ?? '';
      const guess = closest(flag.replace(/=.*$/, ''), flagsOfHelp(cmd.help));
      console.error(`argmax ${command}: unknown flag ${flag}${guess ? `; did you mean ${guess}?` : ''}\n${usageOfHelp(cmd.help)}\nRun 'argmax ${command} --help' for the options.`);
      return 2;
    }
    if (e instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`argmax ${command}: ${e.message}\nRun 'argmax ${command} --help' for the options.`);
      return 2;
    }
    // Bad data, files and parameters are the user's to fix: say what and where, without a stack trace
    // (set ARGMAX_DEBUG=1 to see it).
    console.error(`argmax ${command}: ${e.message}`);
    if (process.env.ARGMAX_DEBUG) console.error(e.stack);
    return 1;
  }
}

if (isMainThread) {
  const code = main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
