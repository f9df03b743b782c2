// @ts-check
// The master notebooks' markers (pinned in DESIGN.md) and the generation of exercises/ from
// solutions/: `// BEGIN SOLUTION` … `// END SOLUTION` becomes `// TU CÓDIGO AQUÍ` and
// `throw new Error("Sin implementar");`; `// BEGIN HIDDEN TESTS` … `// END HIDDEN TESTS` is removed.
import { cellRole, cellSource, notebookStem, setCellSource } from "./notebook.mjs";

export const SOLUTION_BEGIN = "// BEGIN SOLUTION";
export const SOLUTION_END = "// END SOLUTION";
export const HIDDEN_BEGIN = "// BEGIN HIDDEN TESTS";
export const HIDDEN_END = "// END HIDDEN TESTS";
export const STUB_LINES = ["// TU CÓDIGO AQUÍ", 'throw new Error("Sin implementar");'];

/** A master notebook that breaks the format of solutions/README.md; the message is in Spanish. */
export class MasterError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "MasterError";
  }
}

/**
 * @typedef {import("./notebook.mjs").Notebook} Notebook
 * @typedef {{ id: string, cellId: string, points: number, timeLimit: number | undefined }} ExerciseCell
 * @typedef {{ exercises: ExerciseCell[], testCells: Map<string, string[]>, setupCells: string[] }} MasterLayout
 */

/**
 * Replaces (or removes) the marked blocks of `source`. Markers must sit alone on their line; a
 * solution block keeps the indentation of its BEGIN line.
 * @param {string} source
 * @returns {{ text: string, solutions: number, hidden: number }}
 */
export function stripMarkers(source) {
  const out = [];
  /** @type {"solution" | "hidden" | undefined} */
  let inside;
  let solutions = 0;
  let hidden = 0;
  const lines = source.split("\n");
  for (const [i, line] of lines.entries()) {
    const marker = line.trim();
    const where = `línea ${i + 1}`;
    if (marker === SOLUTION_BEGIN || marker === HIDDEN_BEGIN) {
      if (inside !== undefined) throw new MasterError(`${where}: '${marker}' dentro de otro bloque sin cerrar`);
      inside = marker === SOLUTION_BEGIN ? "solution" : "hidden";
      if (inside === "solution") {
        const indent = line.slice(0, line.indexOf("//"));
        out.push(...STUB_LINES.map((s) => indent + s));
        solutions++;
      } else hidden++;
      continue;
    }
    if (marker === SOLUTION_END || marker === HIDDEN_END) {
      const expected = marker === SOLUTION_END ? "solution" : "hidden";
      if (inside !== expected) throw new MasterError(`${where}: '${marker}' sin su BEGIN`);
      inside = undefined;
      continue;
    }
    if (/\/\/\s*(BEGIN|END) (SOLUTION|HIDDEN TESTS)/.test(line)) {
      throw new MasterError(`${where}: el marcador debe ir solo en su línea: ${marker}`);
    }
    if (inside === undefined) out.push(line);
  }
  if (inside !== undefined) throw new MasterError(`falta '${inside === "solution" ? SOLUTION_END : HIDDEN_END}'`);
  return { text: out.join("\n"), solutions, hidden };
}

/**
 * Checks a master notebook's layout and returns its exercises, test cells and setup cells.
 * Throws a MasterError listing every problem.
 * @param {Notebook} nb
 * @param {string} name file name, for messages
 * @returns {MasterLayout}
 */
export function analyzeMaster(nb, name) {
  /** @type {string[]} */
  const problems = [];
  if (nb.nbformat !== 4 || (nb.nbformat_minor ?? 0) < 5) problems.push("debe ser nbformat 4.5 o posterior (celdas con id)");
  /** @type {ExerciseCell[]} */
  const exercises = [];
  /** @type {Map<string, string[]>} */
  const testCells = new Map();
  /** @type {string[]} */
  const setupCells = [];
  const ids = new Set();
  for (const [index, cell] of nb.cells.entries()) {
    const id = cell.id;
    const at = `celda ${index + 1}${id ? ` (id ${id})` : ""}`;
    if (typeof id !== "string" || id === "") problems.push(`${at}: no tiene id`);
    else if (ids.has(id)) problems.push(`${at}: id repetido`);
    else ids.add(id);
    const role = cellRole(cell);
    const source = cellSource(cell);
    let marks = { solutions: 0, hidden: 0 };
    if (cell.cell_type === "code") {
      try {
        marks = stripMarkers(source);
      } catch (e) {
        problems.push(`${at}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (role.exercise !== undefined) {
      if (cell.cell_type !== "code") problems.push(`${at}: el ejercicio '${role.exercise}' debe estar en una celda de código`);
      if (typeof role.exercise !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(role.exercise)) {
        problems.push(`${at}: 'exercise' debe ser un nombre corto (letras, números, - y _)`);
      }
      if (typeof role.points !== "number" || !(role.points > 0)) problems.push(`${at}: 'points' debe ser un número > 0`);
      if (marks.solutions === 0) problems.push(`${at}: la celda del ejercicio no tiene '${SOLUTION_BEGIN}'`);
      if (exercises.some((e) => e.id === role.exercise)) problems.push(`${at}: el ejercicio '${role.exercise}' está repetido`);
      if (role.time_limit !== undefined && !(typeof role.time_limit === "number" && role.time_limit > 0)) {
        problems.push(`${at}: 'time_limit' debe ser un número de segundos > 0`);
      }
      exercises.push({ id: String(role.exercise), cellId: String(id), points: Number(role.points), timeLimit: role.time_limit });
    } else if (marks.solutions > 0) {
      problems.push(`${at}: tiene '${SOLUTION_BEGIN}' pero no es la celda de un ejercicio (metadata.atencion.exercise)`);
    }
    if (role.tests !== undefined) {
      if (cell.cell_type !== "code") problems.push(`${at}: las pruebas deben estar en una celda de código`);
      testCells.set(role.tests, [...(testCells.get(role.tests) ?? []), String(id)]);
    }
    if (role.setup === true) setupCells.push(String(id));
  }
  for (const [exercise, cells] of testCells) {
    if (!exercises.some((e) => e.id === exercise)) problems.push(`las pruebas de la celda ${cells.join(", ")} son de un ejercicio que no existe: '${exercise}'`);
  }
  for (const e of exercises) {
    if (!testCells.has(e.id)) problems.push(`el ejercicio '${e.id}' no tiene celda de pruebas (metadata.atencion.tests)`);
  }
  if (problems.length > 0) throw new MasterError(`${name}:\n  - ${problems.join("\n  - ")}`);
  return { exercises, testCells, setupCells };
}

/**
 * The student's notebook generated from a master: solutions replaced by stubs, hidden tests and
 * master-only cells removed, outputs cleared. Cell ids and roles are kept (the grader finds cells
 * by them).
 * @param {Notebook} master
 * @param {string} fileName the master's file name
 * @returns {Notebook}
 */
export function toExerciseNotebook(master, fileName) {
  analyzeMaster(master, fileName);
  const cells = [];
  for (const cell of master.cells) {
    if (cellRole(cell).master_only === true) continue;
    const copy = structuredClone(cell);
    if (copy.cell_type === "code") {
      setCellSource(copy, stripMarkers(cellSource(copy)).text);
      copy.outputs = [];
      copy.execution_count = null;
    }
    cells.push(copy);
  }
  const metadata = structuredClone(master.metadata);
  const own = typeof metadata.atencion === "object" && metadata.atencion !== null ? metadata.atencion : {};
  metadata.atencion = { ...own, notebook: notebookStem(fileName) };
  return { cells, metadata, nbformat: master.nbformat, nbformat_minor: master.nbformat_minor };
}
