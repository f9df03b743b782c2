/**
 * Public tests inside the exercise notebooks (from lesson 01 on): a student fills in a function and
 * runs one line, `comprobar(miFuncion, [prueba(...), ...])`, which prints a Spanish verdict per test.
 *
 * The course's grader reuses this file: it runs the master notebook with a collector installed
 * (`EXERCISE_COLLECTOR`), so that `comprobar` records the tests instead of running them; it calls
 * the student's function in a sandboxed process through `callWithInputs`; and it judges the output
 * in the trusted parent process with `judgeOutput`, the same function that `comprobar` uses.
 */
import * as tf from "@tensorflow/tfjs";
import { AtencionError } from "../errors";
import { DEFAULT_TOLERANCE, Tolerance, Verdict, compareSerial } from "./compare";
import { Serial, SerialLimits, describeSerial, fromSerial, toSerial } from "./serial";

// Captured at load time: the grader's child process calls `callWithInputs` after student code ran.
const apply = Reflect.apply;
const toStringValue = String;
const tfDispose = tf.dispose;

/** Options of one test (lesson 01, exercises). */
export interface OpcionesPrueba {
  /** Absolute tolerance for numbers and tensors (default 1e-4). */
  tol?: number;
  /** Relative tolerance, times |expected| (default 0). */
  rtol?: number;
  /** Weight of this test within its exercise (default 1): partial credit is by weight. */
  puntos?: number;
}

/** A property that the output must have, for outputs that have no single right value (lesson 01, exercises). */
export interface Propiedad {
  readonly kind: "property";
  /** What the property says, in Spanish ("las filas suman 1"). */
  readonly description: string;
  /** Returns true when the output has the property, or a string saying what is wrong. */
  readonly check: (output: unknown) => boolean | string;
}

/** One test: a name, the arguments, and the expected value or a property (lesson 01, exercises). */
export interface Prueba {
  readonly name: string;
  readonly inputs: readonly unknown[];
  readonly expected: unknown;
  readonly tolerance: Tolerance;
  readonly weight: number;
}

/**
 * A test of an exercise (lesson 01): `prueba("nombre", [arg1, arg2], esperado, { tol, puntos })`.
 * `entradas` is the list of arguments; `esperado` a value (number, list, tensor, object…) or
 * `cumple(...)`.
 */
export function prueba(nombre: string, entradas: readonly unknown[], esperado: unknown, opciones: OpcionesPrueba = {}): Prueba {
  const where = "prueba";
  if (typeof nombre !== "string" || nombre.trim() === "") throw new AtencionError(`${where}: 'nombre' debe ser un texto no vacío.`);
  if (!Array.isArray(entradas)) {
    throw new AtencionError(`${where}("${nombre}"): 'entradas' debe ser la lista de argumentos, p. ej. [x] o [q, k, v].`);
  }
  const tol = opciones.tol ?? DEFAULT_TOLERANCE.atol;
  const rtol = opciones.rtol ?? DEFAULT_TOLERANCE.rtol;
  const weight = opciones.puntos ?? 1;
  for (const [name, v] of [["tol", tol], ["rtol", rtol], ["puntos", weight]] as const) {
    if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) {
      throw new AtencionError(`${where}("${nombre}"): '${name}' debe ser un número ≥ 0, y es ${String(v)}.`);
    }
  }
  return { name: nombre, inputs: entradas, expected: esperado, tolerance: { atol: tol, rtol }, weight };
}

/**
 * A property as the expected value of a test (lesson 01): `cumple("las filas suman 1", (p: tf.Tensor2D) => ...)`.
 * The function gets the output (tensors are fresh copies) and returns true, false, or a string
 * that says what is wrong.
 */
export function cumple<T>(descripcion: string, comprobacion: (salida: T) => boolean | string): Propiedad {
  if (typeof comprobacion !== "function") throw new AtencionError("cumple: 'comprobacion' debe ser una función.");
  return { kind: "property", description: descripcion, check: comprobacion as (output: unknown) => boolean | string };
}

function isProperty(x: unknown): x is Propiedad {
  return typeof x === "object" && x !== null && (x as Propiedad).kind === "property" && typeof (x as Propiedad).check === "function";
}

/** What calling the function gave: its serialised output, or the error it threw, in Spanish (lesson 01, exercises; the grader). */
export type CallResult = { output: Serial } | { error: string };

function errorText(e: unknown): string {
  try {
    // Node's permission model, in the grader's sandbox: say it in Spanish.
    if (e instanceof Error && (e as { code?: unknown }).code === "ERR_ACCESS_DENIED") {
      return "acceso denegado (al corregir, el código no puede leer ni escribir archivos ni lanzar procesos)";
    }
    if (e instanceof Error) {
      const plain = !e.name || e.name === "Error" || e.name === "AtencionError" || e.name === "SerialLimitError";
      return `${plain ? "" : e.name + ": "}${toStringValue(e.message)}`;
    }
    return toStringValue(e);
  } catch {
    return "un error que no se puede mostrar";
  }
}

/**
 * Calls `fn` with already-deserialised `inputs` and serialises what it returns (lesson 01, exercises:
 * used by `comprobar` and by the grader's sandboxed child). Tensors among the inputs and the output are disposed.
 */
export function callWithInputs(fn: unknown, inputs: unknown[], limits: Partial<SerialLimits> = {}): CallResult {
  if (typeof fn !== "function") return { error: "no es una función (¿ejecutaste la celda del ejercicio?)" };
  let output: unknown;
  try {
    output = apply(fn as (...args: unknown[]) => unknown, undefined, inputs);
  } catch (e) {
    safeDispose(inputs);
    return { error: `lanzó un error: ${errorText(e)}` };
  }
  try {
    if (output !== null && typeof output === "object" && typeof (output as { then?: unknown }).then === "function") {
      return { error: "devolvió una promesa: la función debe ser síncrona (sin async)" };
    }
    return { output: toSerial(output, limits) };
  } catch (e) {
    return { error: `no pude leer lo que devolvió: ${errorText(e)}` };
  } finally {
    safeDispose(inputs);
    safeDispose(output);
  }
}

function safeDispose(x: unknown): void {
  try {
    tfDispose(x as tf.TensorContainer);
  } catch {
    // A student's object with throwing getters: nothing of ours to free.
  }
}

/** Fresh copies of a test's arguments, serialised, so that a test cannot spoil the next (lesson 01, exercises). */
export function serialInputs(test: Prueba): Serial[] {
  return test.inputs.map((x) => toSerial(x));
}

/**
 * The verdict on an output (serialised) for `test`: compares with the expected value, or checks the
 * property (lesson 01, exercises). Used by `comprobar` and, in the trusted parent process, by the grader.
 */
export function judgeOutput(result: CallResult, test: Prueba): Verdict {
  if ("error" in result) return { ok: false, message: result.error };
  if (isProperty(test.expected)) {
    const value = fromSerial(result.output);
    try {
      const r = test.expected.check(value);
      if (r === true) return { ok: true, message: "" };
      return { ok: false, message: typeof r === "string" && r !== "" ? r : `no cumple: ${test.expected.description}` };
    } catch (e) {
      return { ok: false, message: `no cumple: ${test.expected.description} (${errorText(e)}; devolviste ${describeSerial(result.output)})` };
    } finally {
      tf.dispose(value as tf.TensorContainer);
    }
  }
  return compareSerial(result.output, toSerial(test.expected), test.tolerance);
}

/** Runs one test of `fn` as the grader would, and judges it (lesson 01, exercises). */
export function runTest(fn: unknown, test: Prueba): Verdict {
  const inputs = serialInputs(test).map((s) => fromSerial(s));
  return judgeOutput(callWithInputs(fn, inputs), test);
}

/**
 * The hook through which the grader collects tests instead of running them (lesson 01, exercises):
 * when a function is stored under this symbol on `globalThis`, `comprobar` hands it the function and
 * the tests.
 */
export const EXERCISE_COLLECTOR = Symbol.for("atencion.exercises.collector");

type Collector = (fn: unknown, tests: Prueba[]) => void;

/** The summary that `comprobar` prints (lesson 01, exercises). */
export interface ResumenPruebas {
  passed: number;
  total: number;
  verdicts: { name: string; verdict: Verdict }[];
}

/**
 * Runs the tests of an exercise and prints a verdict per test, in Spanish (lesson 01 on):
 * `✔ nombre` or `✘ nombre: por qué`, then the total. Tests run on fresh copies of their inputs.
 * With `ATENCION_COMPROBAR=estricto` (as in the course's own test run) a failed test also throws.
 */
export function comprobar(funcion: (...args: never[]) => unknown, pruebas: readonly Prueba[]): void {
  const collector = (globalThis as Record<symbol, unknown>)[EXERCISE_COLLECTOR];
  if (typeof collector === "function") {
    (collector as Collector)(funcion, [...pruebas]);
    return;
  }
  const summary = runTests(funcion, pruebas);
  const name = typeof funcion === "function" && funcion.name ? funcion.name : "la función";
  console.log(`Pruebas de ${name}:`);
  for (const { name: testName, verdict } of summary.verdicts) {
    console.log(verdict.ok ? `✔ ${testName}` : `✘ ${testName}: ${verdict.message}`);
  }
  const all = summary.passed === summary.total;
  console.log(`${all ? "¡Todo bien! " : ""}${summary.passed} de ${summary.total} pruebas correctas.`);
  if (!all && process.env.ATENCION_COMPROBAR === "estricto") {
    throw new AtencionError(`comprobar(${name}): ${summary.total - summary.passed} de ${summary.total} pruebas fallaron.`);
  }
}

/** Runs every test and returns the verdicts without printing (what `comprobar` prints; lesson 01, exercises). */
export function runTests(fn: unknown, tests: readonly Prueba[]): ResumenPruebas {
  if (!Array.isArray(tests)) throw new AtencionError("comprobar: 'pruebas' debe ser una lista de prueba(...).");
  const verdicts = tests.map((t) => ({ name: t.name, verdict: runTest(fn, t) }));
  return { passed: verdicts.filter((v) => v.verdict.ok).length, total: verdicts.length, verdicts };
}
