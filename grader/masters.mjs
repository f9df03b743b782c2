// @ts-check
// Loads the master notebooks of solutions/ and collects their tests, in this (trusted) process:
// every code cell runs in order with `comprobar` in collect mode, so that each test's inputs,
// expected value or property, tolerance and weight are known here and never leave this process
// (the sandboxed child gets only the inputs). A test is hidden when the generated exercise
// notebook does not have it (it sat between the HIDDEN TESTS markers).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { EXERCISE_COLLECTOR, toSerial } from "atencion";
import { MasterError, analyzeMaster, toExerciseNotebook } from "./markers.mjs";
import { cellRole, cellSource, parseNotebook } from "./notebook.mjs";

const require = createRequire(import.meta.url);
/** @type {typeof import("./sandbox/program.cjs")} */
const programTools = require("./sandbox/program.cjs");

/**
 * @typedef {import("atencion").Prueba} Prueba
 * @typedef {import("atencion").Serial} Serial
 * @typedef {import("./notebook.mjs").Notebook} Notebook
 * @typedef {import("./sandbox/program.cjs").ProgramCell} ProgramCell
 * @typedef {{ index: number, name: string, hidden: boolean, weight: number, fn: string, test: Prueba, inputs: Serial[] }} MasterTest
 * @typedef {{ key: string, id: string, notebook: string, cellId: string, points: number, timeLimit: number | undefined,
 *   functions: string[], tests: MasterTest[], solution: string, stub: string }} Exercise
 * @typedef {{ file: string, stem: string, path: string, text: string, notebook: Notebook, exerciseNotebook: Notebook,
 *   exercises: Exercise[], setupCells: ProgramCell[] }} Master
 */

/** The course's TypeScript compiler (the same one that type-checks the library). */
export function loadTypeScript(/** @type {string} */ root) {
  /** @type {typeof import("typescript")} */
  const ts = createRequire(path.join(root, "package.json"))("typescript");
  return ts;
}

/**
 * The master notebooks in `dir` (files ending in .ipynb, sorted).
 * @param {string} dir
 */
export function masterFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort();
}

/**
 * Loads every master notebook of `solutionsDir` and collects its tests.
 * @param {string} root the course root
 * @param {string} solutionsDir
 * @returns {Promise<{ masters: Master[], fingerprint: string }>}
 */
export async function loadMasters(root, solutionsDir) {
  const ts = loadTypeScript(root);
  /** @type {Master[]} */
  const masters = [];
  const hash = createHash("sha256");
  for (const file of masterFiles(solutionsDir)) {
    const full = path.join(solutionsDir, file);
    const text = readFileSync(full, "utf8");
    hash.update(file + "\0" + text + "\0");
    masters.push(await loadMaster(ts, root, file, full, text));
  }
  return { masters, fingerprint: hash.digest("hex") };
}

/**
 * @param {typeof import("typescript")} ts
 * @param {string} root
 * @param {string} file
 * @param {string} full
 * @param {string} text
 * @returns {Promise<Master>}
 */
async function loadMaster(ts, root, file, full, text) {
  /** @type {Notebook} */
  let notebook;
  try {
    notebook = parseNotebook(text);
  } catch (e) {
    throw new MasterError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const layout = analyzeMaster(notebook, file);
  const exerciseNotebook = toExerciseNotebook(notebook, file);
  const stem = file.replace(/\.ipynb$/, "");
  const all = await collect(ts, root, notebook, `${file} (maestro)`);
  const pub = await collect(ts, root, exerciseNotebook, `${file} (versión del estudiante)`);
  /** @type {Exercise[]} */
  const exercises = layout.exercises.map((ex) => {
    const calls = all.filter((c) => c.exercise === ex.id);
    const publicNames = new Set(pub.filter((c) => c.exercise === ex.id).flatMap((c) => c.tests.map((t) => t.name)));
    const where = `${file}, ejercicio '${ex.id}'`;
    if (calls.length === 0) throw new MasterError(`${where}: su celda de pruebas no llama a comprobar(...)`);
    /** @type {MasterTest[]} */
    const tests = [];
    const names = new Set();
    for (const call of calls) {
      for (const test of call.tests) {
        if (names.has(test.name)) throw new MasterError(`${where}: hay dos pruebas llamadas "${test.name}"`);
        names.add(test.name);
        const inputs = test.inputs.map((x) => toSerial(x));
        const bad = [...inputs.map((s, i) => [`la entrada ${i + 1}`, s]), ...(isProperty(test.expected) ? [] : [["el valor esperado", toSerial(test.expected)]])].find(
          ([, s]) => JSON.stringify(s).includes('"$":"unsupported"'),
        );
        if (bad) throw new MasterError(`${where}, prueba "${test.name}": ${bad[0]} no es un dato (número, texto, lista, objeto o tensor)`);
        tests.push({ index: tests.length, name: test.name, hidden: !publicNames.has(test.name), weight: test.weight, fn: call.fn, test, inputs });
      }
    }
    if (tests.every((t) => t.hidden)) throw new MasterError(`${where}: no tiene ninguna prueba pública`);
    const cell = notebook.cells.find((c) => c.id === ex.cellId);
    const stubCell = exerciseNotebook.cells.find((c) => c.id === ex.cellId);
    return {
      key: `${stem}/${ex.id}`,
      id: ex.id,
      notebook: stem,
      cellId: ex.cellId,
      points: ex.points,
      timeLimit: ex.timeLimit,
      functions: [...new Set(calls.map((c) => c.fn))],
      tests,
      solution: cell ? cellSource(cell) : "",
      stub: stubCell ? cellSource(stubCell) : "",
    };
  });
  const setupCells = notebook.cells
    .filter((c) => cellRole(c).setup === true)
    .map((c) => ({ id: String(c.id), source: cellSource(c), role: "setup" }));
  return { file, stem, path: full, text, notebook, exerciseNotebook, exercises, setupCells };
}

/** @param {unknown} x */
function isProperty(x) {
  return typeof x === "object" && x !== null && /** @type {{ kind?: unknown }} */ (x).kind === "property";
}

/**
 * Runs every code cell of `notebook` in order, in this process, with `comprobar` collecting.
 * @param {typeof import("typescript")} ts
 * @param {string} root
 * @param {Notebook} notebook
 * @param {string} label for messages
 * @returns {Promise<{ exercise: string, fn: string, tests: Prueba[] }[]>}
 */
async function collect(ts, root, notebook, label) {
  const cells = notebook.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => ({ id: String(c.id), source: cellSource(c), role: "master" }));
  const program = programTools.buildProgram(ts, cells, { cellMarkers: true });
  const out = ts.transpileModule(program.text, {
    compilerOptions: programTools.compilerOptions(ts, root),
    fileName: "maestro.ts",
    reportDiagnostics: true,
  });
  const syntax = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length > 0) {
    const d = syntax[0];
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const origin = program.origins[line];
    const where = origin ? `celda ${cells[origin.cell].id}, línea ${origin.line}` : "";
    throw new MasterError(`${label}: error de sintaxis ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  const roles = new Map(notebook.cells.map((c) => [String(c.id), cellRole(c)]));
  const cellRequire = createRequire(path.join(root, "solutions", "__maestro.js"));
  /** @type {{ exercise: string, fn: string, tests: Prueba[] }[]} */
  const calls = [];
  let current = "";
  const g = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis));
  g[EXERCISE_COLLECTOR] = (/** @type {unknown} */ fn, /** @type {Prueba[]} */ tests) => {
    const exercise = roles.get(current)?.tests;
    if (exercise === undefined) throw new MasterError(`${label}: la celda ${current} llama a comprobar(...) pero no es una celda de pruebas`);
    const name = typeof fn === "function" ? fn.name : "";
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new MasterError(`${label}, celda ${current}: comprobar(...) debe recibir una función con nombre`);
    calls.push({ exercise, fn: name, tests });
  };
  const quiet = silenceConsole();
  try {
    const fn = vm.compileFunction(out.outputText, ["exports", "require", "module", "__filename", "__dirname"], { filename: label });
    const mod = { exports: /** @type {Record<string, unknown>} */ ({}) };
    fn(mod.exports, cellRequire, mod, path.join(root, "solutions", "__maestro.js"), path.join(root, "solutions"));
    const run = /** @type {(cell: (id: string) => void, exp: (x: unknown) => unknown) => Promise<unknown>} */ (mod.exports[programTools.PROGRAM_FUNCTION]);
    await run((id) => (current = id), (x) => x);
  } catch (e) {
    if (e instanceof MasterError) throw e;
    throw new MasterError(`${label}: la celda ${current} falló: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    delete g[EXERCISE_COLLECTOR];
    quiet.restore();
  }
  return calls;
}

/** Silences console output while master cells run (they may print); restore() undoes it. */
function silenceConsole() {
  const methods = /** @type {const} */ (["log", "info", "warn", "error", "debug", "table", "dir"]);
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = () => {};
  return { restore: () => methods.forEach((m, i) => (console[m] = /** @type {never} */ (saved[i]))) };
}
