/**
 * Input validation with clear, Spanish, student-facing messages that name the argument, the
 * expected shape and the shape received.
 */
import type * as tf from "@tensorflow/tfjs";

/** Error thrown by `atencion` for bad input. Its message is in Spanish and names the argument. */
export class AtencionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AtencionError";
  }
}

type Shaped = { shape: readonly number[] };

/** A shape as students read it, e.g. `[2, 5, 16]`. */
export function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null ? "?" : String(d))).join(", ")}]`;
}

/** Throws unless `value` is a tensor (or anything with a `shape`). */
export function checkTensor(where: string, name: string, value: unknown): asserts value is Shaped {
  if (value === null || typeof value !== "object" || !Array.isArray((value as Shaped).shape)) {
    throw new AtencionError(`${where}: '${name}' debe ser un tensor, y recibí ${describe(value)}.`);
  }
}

/** Throws unless `t` has rank `rank` (or one of the ranks given). `dims` names the axes, e.g. "[B, T, D]". */
export function checkRank(where: string, name: string, t: Shaped, rank: number | number[], dims?: string): void {
  const ranks = Array.isArray(rank) ? rank : [rank];
  if (!ranks.includes(t.shape.length)) {
    const want = dims ?? ranks.map((r) => `${r} dimensiones`).join(" o ");
    throw new AtencionError(
      `${where}: '${name}' debe tener forma ${want}, pero tiene forma ${formatShape(t.shape)} (${t.shape.length} dimensiones).`,
    );
  }
}

/**
 * Throws unless `t.shape` matches `expected`, where `null` means "any size".
 * Example: `checkShape("MultiHeadAttention", "query", q, [null, null, 64], "[B, T, D=64]")`.
 */
export function checkShape(
  where: string,
  name: string,
  t: Shaped,
  expected: readonly (number | null)[],
  dims?: string,
): void {
  const ok = t.shape.length === expected.length && expected.every((d, i) => d === null || d === t.shape[i]);
  if (!ok) {
    throw new AtencionError(
      `${where}: '${name}' debe tener forma ${dims ?? formatShape(expected)}, pero tiene forma ${formatShape(t.shape)}.`,
    );
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInt(where: string, name: string, value: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `entre ${min} y ${max}`;
    throw new AtencionError(`${where}: '${name}' debe ser un entero ${range}, y es ${describe(value)}.`);
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max]. */
export function checkNumber(where: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new AtencionError(`${where}: '${name}' debe ser un número entre ${min} y ${max}, y es ${describe(value)}.`);
  }
  return value;
}

/** Throws unless `value` is one of `options`. */
export function checkOneOf<T extends string>(where: string, name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== "string" || !(options as readonly string[]).includes(value)) {
    throw new AtencionError(
      `${where}: '${name}' debe ser uno de ${options.map((o) => `"${o}"`).join(", ")}, y es ${describe(value)}.`,
    );
  }
  return value as T;
}

/** A short description of any value, for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return `"${value.length > 40 ? value.slice(0, 40) + "…" : value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `una lista de ${value.length} elementos`;
  if (typeof value === "object" && Array.isArray((value as Shaped).shape)) {
    const t = value as tf.Tensor;
    return `un tensor de forma ${formatShape(t.shape)}${t.dtype ? ` (${t.dtype})` : ""}`;
  }
  return typeof value;
}
