/**
 * A JSON-safe form of the values that exercises take and return (the exercise notebooks, from
 * lesson 01 on): numbers (NaN and ±Infinity included), strings, booleans, nested arrays, plain
 * objects and tensors. The notebook's `comprobar` and the course's grader both go through it, so a
 * value is compared the same way in both places.
 *
 * The grader runs a student's code in a child process that serialises outputs with this module
 * after the student's code has run. A student may have patched globals (`Array.isArray`,
 * `JSON.stringify`, `Object.prototype.toJSON`, `tf.Tensor.prototype.dataSync`…), so every
 * built-in used here is captured when the module loads, and `encodeSerial` writes JSON by hand.
 */
import * as tf from "@tensorflow/tfjs";

// Built-ins captured at load time (before any student code can patch them).
const isArray = Array.isArray;
const objectKeys = Object.keys;
const defineProperty = Object.defineProperty;
const getPrototypeOf = Object.getPrototypeOf;
const objectPrototype = Object.prototype;
const isFiniteNumber = Number.isFinite;
const isNaNNumber = Number.isNaN;
const isView = ArrayBuffer.isView;
const apply = Reflect.apply;
const toStringValue = String;
const toNumber = Number;
const floor = Math.floor;
const jsonString = JSON.stringify;
const jsonParse = JSON.parse;
const TensorClass = tf.Tensor;
const tensorDataSync = tf.Tensor.prototype.dataSync;
const makeTensor = tf.tensor;

/** A special number (JSON has no NaN or Infinity). */
export type SerialSpecialNumber = { $: "number"; value: "NaN" | "Infinity" | "-Infinity" };
/** One element of a serialised tensor: a finite number or the name of a special one. */
export type SerialTensorValue = number | "NaN" | "Infinity" | "-Infinity";
/** A tensor: its shape, its dtype and its values in row-major order. */
export type SerialTensor = { $: "tensor"; shape: number[]; dtype: string; values: SerialTensorValue[] };
/** A plain object, by key. */
export type SerialObject = { $: "object"; entries: { [key: string]: Serial } };
/** `undefined` (a function that forgot its `return`). */
export type SerialUndefined = { $: "undefined" };
/** Something that cannot be compared (a function, a Map…), described in Spanish. */
export type SerialUnsupported = { $: "unsupported"; description: string };
/** A value in its serialised form (lesson 01, exercises). */
export type Serial =
  | null
  | boolean
  | string
  | number
  | Serial[]
  | SerialSpecialNumber
  | SerialTensor
  | SerialObject
  | SerialUndefined
  | SerialUnsupported;

/** Limits that keep a runaway value (a huge or endlessly nested output) from exhausting memory (lesson 01, exercises). */
export interface SerialLimits {
  /** Maximum number of scalars in the whole value (default 1 000 000). */
  maxElements: number;
  /** Maximum nesting depth (default 32). */
  maxDepth: number;
}

const DEFAULT_LIMITS: SerialLimits = { maxElements: 1_000_000, maxDepth: 32 };

/** Thrown when a value is too large or too deep to serialise; the message is in Spanish (lesson 01, exercises). */
export class SerialLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SerialLimitError";
  }
}

function specialName(x: number): "NaN" | "Infinity" | "-Infinity" {
  return isNaNNumber(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
}

/**
 * The serialised form of `value` (exercise notebooks, from lesson 01). Tensors become their shape,
 * dtype and values; typed arrays become lists; functions and other non-data values become a
 * description. Throws `SerialLimitError` when the value exceeds `limits`.
 */
export function toSerial(value: unknown, limits: Partial<SerialLimits> = {}): Serial {
  const lim: SerialLimits = { ...DEFAULT_LIMITS, ...limits };
  const budget = { left: lim.maxElements };
  const spend = (n: number): void => {
    budget.left -= n;
    if (budget.left < 0) {
      throw new SerialLimitError(`el valor es demasiado grande (más de ${lim.maxElements} números)`);
    }
  };
  const walk = (v: unknown, depth: number): Serial => {
    if (depth > lim.maxDepth) {
      throw new SerialLimitError(`el valor está anidado a más de ${lim.maxDepth} niveles (¿una referencia circular?)`);
    }
    if (v === null) return null;
    switch (typeof v) {
      case "undefined":
        return { $: "undefined" };
      case "boolean":
        spend(1);
        return v;
      case "string":
        spend(1 + floor(v.length / 64));
        return v;
      case "number":
        spend(1);
        return isFiniteNumber(v) ? v : { $: "number", value: specialName(v) };
      case "function":
        return { $: "unsupported", description: "una función" };
      case "bigint":
        return { $: "unsupported", description: "un bigint" };
      case "symbol":
        return { $: "unsupported", description: "un símbolo" };
    }
    if (v instanceof TensorClass) return tensorToSerial(v, spend);
    if (isArray(v)) {
      const items: Serial[] = [];
      const n = v.length;
      spend(1);
      for (let i = 0; i < n; i++) items[i] = walk(v[i], depth + 1);
      return items;
    }
    if (isView(v)) {
      const view = v as unknown as ArrayLike<number>;
      const n = view.length;
      if (typeof n !== "number") return { $: "unsupported", description: "un DataView" };
      spend(n);
      const items: Serial[] = [];
      for (let i = 0; i < n; i++) items[i] = walk(toNumber(view[i]), depth + 1);
      return items;
    }
    const proto: unknown = getPrototypeOf(v);
    if (proto !== objectPrototype && proto !== null) {
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return { $: "unsupported", description: `un objeto de tipo ${typeof name === "string" ? name : "desconocido"}` };
    }
    const entries: { [key: string]: Serial } = {};
    const record = v as Record<string, unknown>;
    const keys = objectKeys(record);
    spend(keys.length);
    for (let i = 0; i < keys.length; i++) {
      // defineProperty, so that a key named "__proto__" stays a plain key.
      defineProperty(entries, keys[i], { value: walk(record[keys[i]], depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return { $: "object", entries };
  };
  return walk(value, 0);
}

function tensorToSerial(t: tf.Tensor, spend: (n: number) => void): Serial {
  const shape = t.shape;
  const dtype = t.dtype;
  if (!isArray(shape)) throw new Error("el tensor no tiene una forma válida");
  let size = 1;
  const dims: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (typeof d !== "number" || !(d >= 0) || d !== floor(d)) throw new Error("el tensor no tiene una forma válida");
    dims[i] = d;
    size *= d;
  }
  if (dtype === "string") return { $: "unsupported", description: "un tensor de cadenas" };
  spend(size);
  const data = apply(tensorDataSync, t, []) as ArrayLike<number>;
  if (data.length !== size) throw new Error("el tensor no tiene tantos valores como dice su forma");
  const values: SerialTensorValue[] = [];
  for (let i = 0; i < size; i++) {
    const x = toNumber(data[i]);
    values[i] = isFiniteNumber(x) ? x : specialName(x);
  }
  return { $: "tensor", shape: dims, dtype: toStringValue(dtype), values };
}

/** True for a serialised tag object (`{ $: ... }`). */
function isTagged(s: Serial): s is Exclude<Serial, null | boolean | string | number | Serial[]> {
  return s !== null && typeof s === "object" && !isArray(s);
}

/**
 * The value back from its serialised form (lesson 01, exercises): tensors become new tensors (the
 * caller owns them; `tf.dispose(value)` frees them), special numbers become NaN or ±Infinity.
 */
export function fromSerial(s: Serial): unknown {
  if (s === null || typeof s !== "object") return s;
  if (isArray(s)) {
    const items: unknown[] = [];
    for (let i = 0; i < s.length; i++) items[i] = fromSerial(s[i]);
    return items;
  }
  switch (s.$) {
    case "number":
      return specialValue(s.value);
    case "undefined":
      return undefined;
    case "unsupported":
      return { noAdmitido: s.description };
    case "tensor": {
      const values: number[] = [];
      for (let i = 0; i < s.values.length; i++) {
        const v = s.values[i];
        values[i] = typeof v === "number" ? v : specialValue(v);
      }
      const dtype = s.dtype === "int32" || s.dtype === "bool" || s.dtype === "complex64" ? s.dtype : "float32";
      return makeTensor(values, s.shape, dtype === "complex64" ? "float32" : dtype);
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const keys = objectKeys(s.entries);
      for (let i = 0; i < keys.length; i++) out[keys[i]] = fromSerial(s.entries[keys[i]]);
      return out;
    }
  }
}

function specialValue(name: "NaN" | "Infinity" | "-Infinity"): number {
  return name === "NaN" ? NaN : name === "Infinity" ? Infinity : -Infinity;
}

/**
 * JSON text of a serialised value (lesson 01, exercises; the grader), written by hand with captured
 * built-ins so that a patched `JSON.stringify` or a `toJSON` planted on a prototype cannot change it.
 */
export function encodeSerial(s: Serial): string {
  if (s === null) return "null";
  if (typeof s === "boolean") return s ? "true" : "false";
  if (typeof s === "number") return isFiniteNumber(s) ? toStringValue(s) : "null";
  if (typeof s === "string") return jsonString(s) as string;
  if (isArray(s)) {
    let out = "[";
    for (let i = 0; i < s.length; i++) out += (i > 0 ? "," : "") + encodeSerial(s[i]);
    return out + "]";
  }
  let out = "{";
  const keys = objectKeys(s);
  for (let i = 0; i < keys.length; i++) {
    const value = (s as unknown as Record<string, unknown>)[keys[i]];
    out += (i > 0 ? "," : "") + jsonString(keys[i]) + ":" + encodeSerial(value as Serial);
  }
  return out + "}";
}

/** Parses the text written by `encodeSerial` (lesson 01, exercises; the grader). */
export function decodeSerial(text: string): Serial {
  return jsonParse(text) as Serial;
}

/** A short Spanish description of a serialised value, e.g. "un tensor de forma [2, 3]" (lesson 01, exercises). */
export function describeSerial(s: Serial): string {
  if (s === null) return "null";
  if (typeof s === "boolean") return `el booleano ${s}`;
  if (typeof s === "number") return `el número ${formatNumber(s)}`;
  if (typeof s === "string") return `el texto ${jsonString(s.length > 40 ? s.slice(0, 40) + "…" : s)}`;
  if (isArray(s)) return `una lista de ${s.length} elemento${s.length === 1 ? "" : "s"}`;
  if (!isTagged(s)) return "un valor desconocido";
  switch (s.$) {
    case "number":
      return `el número ${s.value}`;
    case "undefined":
      return "undefined (¿falta un return?)";
    case "unsupported":
      return s.description;
    case "tensor":
      return `un tensor de forma ${formatDims(s.shape)}`;
    case "object": {
      const keys = objectKeys(s.entries);
      return keys.length === 0 ? "un objeto vacío" : `un objeto con ${keys.map((k) => `'${k}'`).join(", ")}`;
    }
  }
}

/** `[2, 3]` */
export function formatDims(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** A number as students read it: up to 6 significant digits, exponent form when tiny or huge (lesson 01, exercises). */
export function formatNumber(x: number): string {
  if (!isFiniteNumber(x)) return toStringValue(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) {
    const [mantissa, exponent] = x.toExponential(2).split("e");
    return `${mantissa.replace(/\.?0+$/, "")}e${exponent.replace("+", "")}`;
  }
  return toStringValue(Number(x.toPrecision(6)));
}
