/**
 * What to do when WebAssembly could not be compiled. A page's
 * Content-Security-Policy blocks compilation unless its script-src allows
 * 'wasm-unsafe-eval' (browsers name the policy in the error: Chromium
 * "violates the following Content Security policy directive", Firefox "blocked
 * by CSP"); the fallback message then says how to get the fast kernels back.
 */
export function wasmFallbackHint(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /content.security.polic|\bCSP\b|unsafe-eval/i.test(message)
    ? "; to use WebAssembly, add 'wasm-unsafe-eval' to the script-src of the Content-Security-Policy of the page (for a worker: of the worker script's response)"
    : '';
}
