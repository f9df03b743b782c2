/**
 * The safetensors file format (lesson 10), to exchange weights with PyTorch and Hugging Face:
 *
 *   [8 bytes: header length N, unsigned little-endian] [N bytes: JSON header] [raw tensor data]
 *
 * The header maps each tensor name to `{ dtype, shape, data_offsets: [begin, end] }` (offsets
 * into the data block, which the tensors fill without gaps) plus an optional `__metadata__` object
 * of strings. Writers pad the header with spaces so the data starts at a multiple of 8 bytes.
 * Data is little-endian, row-major.
 *
 * Reading: F32 → float32; F64, F16, BF16 → float32; I32, I16, I8, U8 → int32; I64 → int32 (each value
 * must fit); BOOL → bool. Writing: float32 → F32, int32 → I32, bool → BOOL.
 */
import { tf } from "./backend";
import { AtencionError } from "./errors";
import type { StateDict } from "./module";

/** A safetensors file in memory: the tensors by name and the `__metadata__` strings. */
export interface SafetensorsFile {
  tensors: StateDict;
  metadata: Record<string, string>;
}

const WHERE = "loadSafetensors";
const MAX_HEADER = 100_000_000;

/** Bytes per element of each dtype we read. */
const ITEM_SIZE: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

function fail(message: string): never {
  throw new AtencionError(`${WHERE}: ${message}`);
}

/** IEEE half precision → number. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24; // subnormal (or zero)
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** Parses and checks one header entry. */
function parseEntry(name: string, raw: unknown): Entry {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(`la entrada '${name}' de la cabecera no es un objeto.`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== "string" || !(dtype in ITEM_SIZE)) {
    fail(`el tensor '${name}' tiene dtype ${JSON.stringify(dtype)}, que no sé leer (conozco ${Object.keys(ITEM_SIZE).join(", ")}).`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(`el tensor '${name}' tiene una forma inválida: ${JSON.stringify(shape)}.`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0) || offsets[1] < offsets[0]) {
    fail(`el tensor '${name}' tiene data_offsets inválidos: ${JSON.stringify(offsets)}.`);
  }
  const [begin, end] = offsets as number[];
  const numel = (shape as number[]).reduce((a, b) => a * b, 1);
  if (end - begin !== numel * ITEM_SIZE[dtype]) {
    fail(`el tensor '${name}' (${dtype}, forma [${shape.join(", ")}]) necesita ${numel * ITEM_SIZE[dtype]} bytes, pero data_offsets abarca ${end - begin}.`);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/** Decodes one tensor's bytes into a typed array of the dtype it will have in TensorFlow.js. */
function decode(entry: Entry, view: DataView, base: number): { values: Float32Array | Int32Array | Uint8Array; dtype: "float32" | "int32" | "bool" } {
  const n = (entry.end - entry.begin) / ITEM_SIZE[entry.dtype];
  const at = (i: number) => base + entry.begin + i * ITEM_SIZE[entry.dtype];
  const floats = (read: (offset: number) => number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = read(at(i));
    return { values: out, dtype: "float32" as const };
  };
  const ints = (read: (offset: number) => number) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = read(at(i));
    return { values: out, dtype: "int32" as const };
  };
  switch (entry.dtype) {
    case "F32": return floats((o) => view.getFloat32(o, true));
    case "F64": return floats((o) => view.getFloat64(o, true));
    case "F16": return floats((o) => halfToFloat(view.getUint16(o, true)));
    case "BF16": return floats((o) => new Float32Array(new Uint32Array([view.getUint16(o, true) << 16]).buffer)[0]);
    case "I32": return ints((o) => view.getInt32(o, true));
    case "I16": return ints((o) => view.getInt16(o, true));
    case "I8": return ints((o) => view.getInt8(o));
    case "U8": return ints((o) => view.getUint8(o));
    case "I64":
      return ints((o) => {
        const v = view.getBigInt64(o, true);
        if (v > 2147483647n || v < -2147483648n) fail(`el tensor I64 '${entry.name}' tiene el valor ${v}, que no cabe en int32.`);
        return Number(v);
      });
    default: {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getUint8(at(i)) === 0 ? 0 : 1;
      return { values: out, dtype: "bool" };
    }
  }
}

/**
 * Reads a safetensors file (lesson 10; the pinned API). Returns new tensors (the caller disposes
 * them) and the metadata. Malformed files give a Spanish error that says what is wrong.
 */
export function loadSafetensors(bytes: Uint8Array | ArrayBuffer): SafetensorsFile {
  const u8 = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : fail("se esperan los bytes del archivo (Uint8Array).");
  if (u8.length < 8) fail(`el archivo tiene ${u8.length} bytes; ni siquiera cabe la longitud de la cabecera (8 bytes).`);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER || 8 + headerLen > u8.length) {
    fail(`la cabecera dice medir ${headerLen} bytes, pero el archivo solo tiene ${u8.length}: no es un archivo safetensors o está truncado.`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(u8.subarray(8, 8 + headerLen)));
  } catch (error) {
    fail(`la cabecera no es JSON válido (${(error as Error).message}).`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) fail("la cabecera JSON debe ser un objeto.");
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail("'__metadata__' debe ser un objeto de textos.");
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`'__metadata__.${k}' debe ser un texto, y es ${JSON.stringify(v)}.`);
        metadata[k] = v;
      }
    } else {
      entries.push(parseEntry(name, raw));
    }
  }
  const base = 8 + headerLen;
  const dataLen = u8.length - base;
  let cursor = 0; // the tensors must tile the data block exactly, in offset order
  for (const e of [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)) {
    if (e.begin !== cursor) fail(`los datos del tensor '${e.name}' empiezan en ${e.begin}, pero se esperaba ${cursor} (huecos o solapes).`);
    cursor = e.end;
  }
  if (cursor !== dataLen) fail(`los tensores ocupan ${cursor} bytes, pero el bloque de datos tiene ${dataLen}.`);
  const decoded = entries.map((e) => ({ e, ...decode(e, view, base) })); // every check before any tensor exists
  const tensors: StateDict = {};
  for (const { e, values, dtype } of decoded) tensors[e.name] = tf.tensor(values, e.shape, dtype);
  return { tensors, metadata };
}

/**
 * Writes tensors (float32 → F32, int32 → I32, bool → BOOL) and optional metadata strings as a
 * safetensors file (lesson 10; the pinned API), in the record's order, with the header padded
 * to a multiple of 8 bytes. PyTorch reads it with `safetensors.torch.load_file`.
 */
export function saveSafetensors(record: StateDict, metadata?: Record<string, string>): Uint8Array {
  const where = "saveSafetensors";
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") throw new AtencionError(`${where}: 'metadata.${k}' debe ser un texto, y es ${JSON.stringify(v)}.`);
    }
    header.__metadata__ = metadata;
  }
  const codes: Partial<Record<tf.DataType, string>> = { float32: "F32", int32: "I32", bool: "BOOL" };
  let offset = 0;
  const parts: { t: tf.Tensor; begin: number }[] = [];
  for (const [name, t] of Object.entries(record)) {
    if (name === "__metadata__") throw new AtencionError(`${where}: '__metadata__' es un nombre reservado; pasa los metadatos aparte.`);
    if (!(t instanceof tf.Tensor)) throw new AtencionError(`${where}: '${name}' debe ser un tensor.`);
    const dtype = codes[t.dtype];
    if (dtype === undefined) throw new AtencionError(`${where}: '${name}' es de tipo ${t.dtype}; solo sé guardar float32, int32 y bool.`);
    const size = t.size * (dtype === "BOOL" ? 1 : 4);
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    parts.push({ t, begin: offset });
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((8 + json.length) / 8) * 8 - 8;
  json = new TextEncoder().encode(JSON.stringify(header) + " ".repeat(padded - json.length));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const base = 8 + json.length;
  for (const { t, begin } of parts) {
    const values = t.dataSync();
    for (let i = 0; i < values.length; i++) {
      const o = base + begin + i * (t.dtype === "bool" ? 1 : 4);
      if (t.dtype === "float32") view.setFloat32(o, values[i], true);
      else if (t.dtype === "int32") view.setInt32(o, values[i], true);
      else view.setUint8(o, values[i] ? 1 : 0);
    }
  }
  return out;
}
