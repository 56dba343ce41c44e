/** The bytes of a WebAssembly module embedded as base64 (atob works in Node ≥ 16 and in browsers). */
export function wasmBytes(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
