import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * A full garbage collection now. The CLI calls it where a phase has just
 * dropped large arrays (the loading's work arrays, the loaded data after it
 * moved into the kernels' memory, the solver's vectors after training): V8
 * would collect them only later, and until then they count in the process's
 * peak memory while the next phase allocates. Twice: the memory of dead
 * ArrayBuffers is released by a sweep that the next collection completes
 * (measured: after one, 0–43 MB of them were still held, after two none).
 * V8 exposes `gc` to contexts made after the flag is set.
 */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  gc();
}
