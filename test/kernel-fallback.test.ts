/** The fall-back from WebAssembly to the TypeScript kernels is announced once and readable by the app, never silent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const select = new URL('../src/kernels/select.js', import.meta.url).href;

/** Runs a module script in a fresh Node with WebAssembly taken away (or its compilation refused), as a browser without it or under a CSP. */
function withoutWasm(how: 'missing' | 'blocked') {
  const disable = how === 'missing'
    ? 'delete globalThis.WebAssembly;'
    : "globalThis.WebAssembly.Module = function () { throw new WebAssembly.CompileError('Wasm code generation disallowed by embedder'); };";
  const script = `${disable}
const { defaultKernels, kernelFallbackReason } = await import(${JSON.stringify(select)});
const a = defaultKernels(); const b = defaultKernels();
console.log(JSON.stringify({ name: a.name, same: a === b, reason: kernelFallbackReason() }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ARGMAX_KERNELS: '' } });
  return { out: JSON.parse(r.stdout.trim().split('\n').pop()!), stderr: r.stderr };
}

for (const how of ['missing', 'blocked'] as const) {
  test(`WebAssembly ${how}: reference kernels, one console warning, and a reason the app can read`, () => {
    const { out, stderr } = withoutWasm(how);
    assert.equal(out.name, 'reference');
    assert.ok(out.same);
    assert.match(out.reason, /WebAssembly SIMD kernels unavailable .*; using the TypeScript reference kernels/);
    assert.equal(stderr.match(/argmax: WebAssembly SIMD kernels unavailable/g)?.length, 1, stderr);
  });
}

test('with WebAssembly, or kernels chosen by ARGMAX_KERNELS, there is no fall-back and no reason', async () => {
  const { kernelFallbackReason } = await import('../src/kernels/select.js');
  assert.equal(kernelFallbackReason(), null);
});
