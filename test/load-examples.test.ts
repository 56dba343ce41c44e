/** loadExamples: the source options of the command line's data flags, as the library takes them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExamples } from '../src/select/load-examples.js';

test('loadExamples reads LibSVM indices as 0-based with zeroBased (one column more than the 1-based default)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'argmax-load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'a.svm');
  writeFileSync(file, '1 1:1 3:2\n2 2:1\n');
  const widthOf = (zeroBased?: boolean) => {
    const ex = loadExamples(file, zeroBased === undefined ? {} : { zeroBased });
    assert.equal(ex.kind, 'vectors');
    return ex.kind === 'vectors' ? ex.data.X.cols : -1;
  };
  assert.equal(widthOf(), 3);
  assert.equal(widthOf(false), 3);
  assert.equal(widthOf(true), 4);
});
