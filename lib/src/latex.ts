/**
 * Small exact matrices in LaTeX (lessons 02–04): numbers, mathjs `Fraction`s (shown as
 * `\frac{a}{b}`), mathjs matrices, or LaTeX strings for symbolic entries such as `e^{2}`.
 * mathjs computed matrices have no `toTex`, so the `bmatrix` is built from the entries.
 * No mathjs import is needed here: its objects are recognised by their `isFraction`,
 * `isBigNumber` and `isMatrix` flags.
 */
import * as tf from "@tensorflow/tfjs";
import { displayBundle } from "./display";
import { AtencionError, describe } from "./errors";
import type { Matrix, MathNumericType } from "mathjs";

type MathNumeric = MathNumericType;
/** The mathjs objects we read, by their run-time flags. */
interface FractionLike {
  toLatex(): string;
  toFraction(): string;
}
/** One entry: a number, a mathjs Fraction or BigNumber, or a LaTeX string (written as is). */
export type LatexEntry = MathNumeric | string;
/** What `matrixToLatex` takes: rows of entries, one row, a mathjs matrix or a tensor of rank ≤ 2. */
export type LatexMatrix = readonly (readonly LatexEntry[])[] | readonly LatexEntry[] | Matrix | tf.Tensor;

/** Options of `matrixToLatex`. */
export interface LatexOptions {
  /** Decimals kept for non-integer numbers, trailing zeros dropped (default 4). */
  digits?: number;
  /** The LaTeX matrix environment (default "bmatrix": square brackets). */
  env?: "bmatrix" | "pmatrix" | "vmatrix" | "matrix";
  /** Show a vector as a column instead of a row. */
  column?: boolean;
}

const isFlag = (value: unknown, flag: string) => value !== null && typeof value === "object" && (value as Record<string, unknown>)[flag] === true;

/** The LaTeX of one entry (lesson 02). */
export function entryToLatex(value: unknown, digits = 4): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "\\text{NaN}" : value > 0 ? "\\infty" : "-\\infty";
    if (Number.isInteger(value)) return String(value);
    const rounded = Number(value.toFixed(digits));
    return String(Object.is(rounded, -0) ? 0 : rounded);
  }
  if (typeof value === "string") return value;
  if (isFlag(value, "isFraction")) return (value as FractionLike).toLatex();
  if (isFlag(value, "isBigNumber")) return String(value);
  if (typeof value === "bigint") return value.toString();
  throw new AtencionError(`matrixToLatex: cada entrada debe ser un número, una fracción de mathjs o un texto LaTeX, y recibí ${describe(value)}.`);
}

/** The entries as rows, from any accepted form. */
function toRows(m: LatexMatrix, column: boolean): unknown[][] {
  let value: unknown = m;
  if (m instanceof tf.Tensor) {
    if (m.rank > 2) throw new AtencionError(`matrixToLatex: el tensor debe tener 1 o 2 dimensiones, y tiene forma [${m.shape.join(", ")}].`);
    value = m.arraySync();
  } else if (isFlag(m, "isMatrix")) {
    value = (m as Matrix).toArray();
  }
  if (!Array.isArray(value)) throw new AtencionError(`matrixToLatex: 'm' debe ser una matriz (lista de filas), y recibí ${describe(value)}.`);
  const list = value as unknown[];
  if (list.length === 0) throw new AtencionError("matrixToLatex: la matriz está vacía.");
  if (!list.some(Array.isArray)) return column ? list.map((x) => [x]) : [list];
  if (!list.every(Array.isArray)) throw new AtencionError("matrixToLatex: mezcla de filas y entradas sueltas; pasa una lista de filas.");
  const rows = list as unknown[][];
  const width = rows[0].length;
  const bad = rows.findIndex((r) => r.length !== width);
  if (bad >= 0) throw new AtencionError(`matrixToLatex: todas las filas deben tener ${width} entradas, y la fila ${bad} tiene ${rows[bad].length}.`);
  return rows;
}

/**
 * The LaTeX of a matrix: `\begin{bmatrix} \frac{1}{2} & 1 \\ 0 & -\frac{3}{4} \end{bmatrix}`
 * (lesson 02). Fractions stay exact; other numbers keep `digits` decimals.
 */
export function matrixToLatex(m: LatexMatrix, { digits = 4, env = "bmatrix", column = false }: LatexOptions = {}): string {
  const rows = toRows(m, column);
  const body = rows.map((r) => r.map((x) => entryToLatex(x, digits)).join(" & ")).join(" \\\\ ");
  return `\\begin{${env}} ${body} \\end{${env}}`;
}

function entryToText(value: unknown, digits: number): string {
  if (isFlag(value, "isFraction")) return (value as FractionLike).toFraction();
  if (typeof value === "string") return value;
  return entryToLatex(value, digits);
}

/** A plain-text rendering of a matrix, columns aligned: the fallback of `showLatex` (lesson 02). */
export function matrixToText(m: LatexMatrix, { digits = 4, column = false }: LatexOptions = {}): string {
  const rows = toRows(m, column).map((r) => r.map((x) => entryToText(x, digits)));
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => `[ ${r.map((x, j) => x.padStart(widths[j])).join("  ")} ]`).join("\n");
}

/**
 * Shows LaTeX in the notebook (lesson 02): a LaTeX string (without `$$`), or a matrix, optionally
 * after a LaTeX prefix such as `"A^{-1} = "`. Outside a notebook, prints the plain-text form.
 */
export function showLatex(content: string | LatexMatrix, options: LatexOptions & { prefix?: string } = {}): void {
  const isText = typeof content === "string";
  const tex = (options.prefix ?? "") + (isText ? content : matrixToLatex(content, options));
  const text = isText ? content : `${(options.prefix ?? "").trim()}\n${matrixToText(content, options)}`.trim();
  displayBundle({ "text/latex": `$$${tex}$$`, "text/plain": text });
}
