/**
 * Compares what an exercise returned with what was expected (exercise notebooks, from lesson 01).
 * The notebook's `comprobar` and the course's grader both call `compareSerial`, so a student gets
 * the same verdict, with the same Spanish message, in the notebook and in the grade.
 *
 * Numbers, tensors and rectangular nested lists of numbers are "numeric": they compare by shape,
 * then value by value with a tolerance `|obtenido − esperado| ≤ atol + rtol·|esperado|` (a tensor
 * and a nested list with the same shape and values are equal; booleans count as 1 and 0). NaN and
 * ±Infinity are equal only to themselves, and reported when they appear where a finite value was
 * expected. Strings, booleans and null compare exactly; objects key by key (extra keys are
 * allowed); other lists element by element.
 */
import { Serial, SerialTensorValue, describeSerial, formatDims, formatNumber } from "./serial";

/** Tolerance of a numeric comparison (lesson 01, exercises). */
export interface Tolerance {
  /** Absolute tolerance (default 1e-4). */
  atol: number;
  /** Relative tolerance, times |expected| (default 0). */
  rtol: number;
}

/** The default tolerance of exercise tests (lesson 01, exercises). */
export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-4, rtol: 0 };

/** The outcome of one comparison: `message` (Spanish) says why it failed, "" when it passed (lesson 01, exercises). */
export interface Verdict {
  ok: boolean;
  message: string;
}

interface Numeric {
  shape: number[];
  values: number[];
}

const PASS: Verdict = { ok: true, message: "" };
const fail = (path: string, message: string): Verdict => ({ ok: false, message: path ? `${path}: ${message}` : message });

function special(v: SerialTensorValue): number {
  return typeof v === "number" ? v : v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity;
}

function isTensor(s: Serial): s is Extract<Serial, { $: "tensor" }> {
  return s !== null && typeof s === "object" && !Array.isArray(s) && s.$ === "tensor";
}

function isNumberLike(s: Serial): boolean {
  return typeof s === "number" || (s !== null && typeof s === "object" && !Array.isArray(s) && s.$ === "number");
}

/** Shape and values of a tensor, a number, or a rectangular nested list of numbers/booleans. */
function asNumeric(s: Serial): Numeric | undefined {
  if (typeof s === "number") return { shape: [], values: [s] };
  if (typeof s === "boolean") return { shape: [], values: [s ? 1 : 0] };
  if (s === null || typeof s !== "object") return undefined;
  if (!Array.isArray(s)) {
    if (s.$ === "number") return { shape: [], values: [special(s.value)] };
    if (s.$ === "tensor") return { shape: s.shape, values: s.values.map(special) };
    return undefined;
  }
  const parts: Numeric[] = [];
  for (const item of s) {
    const p = asNumeric(item);
    if (p === undefined) return undefined;
    if (parts.length > 0 && formatDims(p.shape) !== formatDims(parts[0].shape)) return undefined;
    parts.push(p);
  }
  const inner = parts.length > 0 ? parts[0].shape : [];
  return { shape: [s.length, ...inner], values: parts.flatMap((p) => p.values) };
}

/** True when every leaf of a list is numeric, so that it should compare as a tensor would. */
function isNumericList(s: Serial): boolean {
  if (!Array.isArray(s)) return false;
  return s.every((x) => (Array.isArray(x) ? isNumericList(x) : isNumberLike(x) || typeof x === "boolean"));
}

/** Multi-index of flat position `i` in `shape`, e.g. `[1, 2]`. */
function indexOf(i: number, shape: number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return idx.length === 0 ? "" : ` en ${formatDims(idx)}`;
}

function formatTolerance(tol: Tolerance): string {
  if (tol.rtol === 0) return `tolerancia ${formatNumber(tol.atol)}`;
  return `tolerancia ${formatNumber(tol.atol)} + ${formatNumber(tol.rtol)}·|esperado|`;
}

function compareNumeric(actual: Numeric, expected: Numeric, tol: Tolerance, path: string): Verdict {
  if (formatDims(actual.shape) !== formatDims(expected.shape)) {
    return fail(path, `forma ${formatDims(actual.shape)} en lugar de ${formatDims(expected.shape)}`);
  }
  let firstNaN = -1;
  let firstInf = -1;
  let worst = -1;
  let worstExcess = 0;
  let maxError = 0;
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const e = expected.values[i];
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a) && worst < 0) {
        worst = i;
        worstExcess = Infinity;
      }
      continue;
    }
    if (!Number.isFinite(e)) {
      if (a !== e && worst < 0) {
        worst = i;
        worstExcess = Infinity;
      }
      continue;
    }
    if (Number.isNaN(a)) {
      if (firstNaN < 0) firstNaN = i;
      continue;
    }
    if (!Number.isFinite(a)) {
      if (firstInf < 0) firstInf = i;
      continue;
    }
    const diff = Math.abs(a - e);
    maxError = Math.max(maxError, diff);
    const excess = diff - (tol.atol + tol.rtol * Math.abs(e));
    if (excess > 0 && excess > worstExcess) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (firstNaN >= 0) return fail(path, `contiene NaN${indexOf(firstNaN, expected.shape)}`);
  if (firstInf >= 0) {
    return fail(path, `contiene ${actual.values[firstInf]}${indexOf(firstInf, expected.shape)}`);
  }
  if (worst < 0) return PASS;
  const a = formatNumber(actual.values[worst]);
  const e = formatNumber(expected.values[worst]);
  if (!Number.isFinite(expected.values[worst])) {
    return fail(path, `${a} en lugar de ${e}${indexOf(worst, expected.shape)}`);
  }
  const where = indexOf(worst, expected.shape);
  const detail = expected.shape.length === 0 ? `${a} en lugar de ${e}` : `${where.trim()}: ${a} en lugar de ${e}`;
  return fail(path, `error máximo ${formatNumber(maxError)} (${detail}; ${formatTolerance(tol)})`);
}

const join = (path: string, key: string): string => (key.startsWith("[") ? `${path}${key}` : path ? `${path}.${key}` : key);

/**
 * Compares `actual` with `expected` (both serialised with `toSerial`) and says why they differ,
 * in Spanish, naming the place (`pesos[1]`), the shape mismatch, the NaN/Infinity or the max error
 * (lesson 01, exercises).
 */
export function compareSerial(actual: Serial, expected: Serial, tol: Tolerance = DEFAULT_TOLERANCE, path = ""): Verdict {
  const mismatch = (): Verdict => fail(path, `se esperaba ${describeSerial(expected)} y devolviste ${describeSerial(actual)}`);

  // Numeric things: a tensor, a number, or a list whose leaves are all numbers.
  if (isTensor(expected) || isNumberLike(expected) || (isNumericList(expected) && (expected as Serial[]).length > 0)) {
    const e = asNumeric(expected);
    const a = isTensor(actual) || isNumberLike(actual) || Array.isArray(actual) ? asNumeric(actual) : undefined;
    if (e === undefined) return fail(path, "la prueba espera una lista irregular de números (revisa la prueba)");
    if (a === undefined) {
      if (Array.isArray(actual)) return fail(path, `se esperaba una lista de forma ${formatDims(e.shape)} y devolviste una lista irregular`);
      return mismatch();
    }
    return compareNumeric(a, e, tol, path);
  }
  if (expected === null || typeof expected !== "object") {
    return actual === expected ? PASS : mismatch();
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return mismatch();
    if (actual.length !== expected.length) {
      return fail(path, `una lista de ${actual.length} elementos en lugar de ${expected.length}`);
    }
    for (let i = 0; i < expected.length; i++) {
      const v = compareSerial(actual[i], expected[i], tol, join(path, `[${i}]`));
      if (!v.ok) return v;
    }
    return PASS;
  }
  switch (expected.$) {
    case "undefined":
      return actual !== null && typeof actual === "object" && !Array.isArray(actual) && actual.$ === "undefined" ? PASS : mismatch();
    case "unsupported":
      return fail(path, `la prueba espera ${expected.description}, que no se puede comparar (revisa la prueba)`);
    case "object": {
      if (actual === null || typeof actual !== "object" || Array.isArray(actual) || actual.$ !== "object") return mismatch();
      const problems: string[] = [];
      for (const key of Object.keys(expected.entries)) {
        if (!Object.prototype.hasOwnProperty.call(actual.entries, key)) {
          problems.push(`falta '${join(path, key)}'`);
          continue;
        }
        const v = compareSerial(actual.entries[key], expected.entries[key], tol, join(path, key));
        if (!v.ok) problems.push(v.message);
      }
      return problems.length === 0 ? PASS : { ok: false, message: problems.join("; ") };
    }
    default:
      return mismatch();
  }
}
