/**
 * Reader for the IDX format of the MNIST files:
 *
 *   bytes 0–1  zero
 *   byte  2    element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
 *   byte  3    number of dimensions n
 *   then n big-endian uint32 sizes, then the elements, big-endian, row-major.
 *
 * Works on bytes, so it runs in a browser too; `source` names the file in errors.
 */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  readonly shape: number[];
  readonly data: IdxData;
}

const TYPES: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'uint8', bytes: 1 },
  0x09: { name: 'int8', bytes: 1 },
  0x0b: { name: 'int16', bytes: 2 },
  0x0c: { name: 'int32', bytes: 4 },
  0x0d: { name: 'float32', bytes: 4 },
  0x0e: { name: 'float64', bytes: 8 },
};

export class IdxFormatError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'IdxFormatError';
  }
}

export function parseIdx(bytes: Uint8Array, source = 'IDX data'): IdxArray {
  const fail = (msg: string): never => {
    throw new IdxFormatError(source, msg);
  };
  if (bytes.length < 4) fail(`not an IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    fail(`not an IDX file: magic number ${magic}, expected 00 00 <type> <dims>`);
  }
  const type = TYPES[bytes[2]];
  if (!type) fail(`unknown IDX element type 0x${bytes[2].toString(16)}; expected one of 08, 09, 0b, 0c, 0d, 0e`);
  const ndim = bytes[3];
  if (ndim === 0) fail('IDX header declares 0 dimensions');
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes) fail(`truncated header: ${ndim} dimensions need ${headerBytes} bytes, file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let d = 0; d < ndim; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    shape.push(size);
    count *= size;
  }
  const expected = headerBytes + count * type.bytes;
  if (bytes.length < expected) {
    fail(`truncated: header says ${shape.join('×')} ${type.name} values (${expected} bytes), file has ${bytes.length} bytes`);
  }
  if (bytes.length > expected) {
    fail(`${bytes.length - expected} unexpected bytes after the ${shape.join('×')} ${type.name} values`);
  }
  return { shape, data: decode(view, headerBytes, count, bytes[2], bytes) };
}

function decode(view: DataView, offset: number, count: number, type: number, bytes: Uint8Array): IdxData {
  switch (type) {
    case 0x08:
      // Zero-copy view: the pixels stay in the file's buffer (a plain
      // Uint8Array, even when the bytes came as a Node Buffer).
      return new Uint8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 0x09:
      return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
    case 0x0b: {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 0x0c: {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 0x0d: {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    default: {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

/** Encodes an array as IDX bytes (used to write fixtures and to test the reader). */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * shape.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = shape.length;
  shape.forEach((s, d) => view.setUint32(4 + 4 * d, s, false));
  out.set(data, header);
  return out;
}
