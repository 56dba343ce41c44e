import { type BenchContext } from '../context.js';
import { run as kernels } from './kernels.js';
import { run as minibatch } from './minibatch.js';
import { run as solvers } from './solvers.js';
import { run as svm } from './svm.js';
import { run as joint } from './joint.js';
import { run as text } from './text.js';
import { run as selection } from './selection.js';
import { run as mlp } from './mlp.js';
import { run as bigtext } from './bigtext.js';

export interface BenchSection {
  name: string;
  run: (ctx: BenchContext) => void | Promise<void>;
}

/** The sections of BENCHMARKS.md, in order. Add a section: one file in bench/sections/ and one line here. */
export const SECTIONS: BenchSection[] = [
  { name: 'kernels', run: kernels },
  { name: 'minibatch', run: minibatch },
  { name: 'solvers', run: solvers },
  { name: 'svm', run: svm },
  { name: 'joint', run: joint },
  { name: 'text', run: text },
  { name: 'bigtext', run: bigtext },
  { name: 'mlp', run: mlp },
  { name: 'selection', run: selection },
];
