// @ts-check
// Reading and writing Jupyter notebooks (nbformat 4), and the course's cell roles, kept in each
// cell's `metadata.atencion`:
//   { "setup": true }                        imports and definitions every exercise may use
//   { "exercise": "softmax", "points": 3 }   the cell a student fills in (with solution markers)
//   { "tests": "softmax" }                   the `comprobar(...)` call with the exercise's tests
//   { "master_only": true }                  kept in solutions/, dropped from exercises/
// Cells are found by their nbformat 4.5 `id` (then by role, then by the function they declare),
// never by position.

/**
 * @typedef {{ setup?: boolean, exercise?: string, points?: number, tests?: string, master_only?: boolean,
 *   time_limit?: number }} CellRole
 * @typedef {{ cell_type: string, id?: string, metadata?: { atencion?: CellRole } & Record<string, unknown>,
 *   source: string | string[], outputs?: unknown[], execution_count?: number | null, attachments?: unknown }} Cell
 * @typedef {{ cells: Cell[], metadata: Record<string, unknown>, nbformat: number, nbformat_minor: number }} Notebook
 */

/** A notebook that cannot be read; the message is in Spanish. */
export class NotebookError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "NotebookError";
  }
}

/**
 * Parses a notebook's JSON text, checking the little the grader relies on.
 * @param {string} text
 * @returns {Notebook}
 */
export function parseNotebook(text) {
  /** @type {unknown} */
  let nb;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new NotebookError(`no es un JSON válido (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray(/** @type {{ cells?: unknown }} */ (nb).cells)) {
    throw new NotebookError("no es un cuaderno de Jupyter (no tiene 'cells')");
  }
  const notebook = /** @type {Notebook} */ (nb);
  for (const cell of notebook.cells) {
    if (typeof cell !== "object" || cell === null || typeof cell.cell_type !== "string") {
      throw new NotebookError("tiene una celda sin 'cell_type'");
    }
    if (typeof cell.source !== "string" && !Array.isArray(cell.source)) cell.source = "";
    if (typeof cell.metadata !== "object" || cell.metadata === null || Array.isArray(cell.metadata)) cell.metadata = {};
  }
  if (typeof notebook.metadata !== "object" || notebook.metadata === null) notebook.metadata = {};
  return notebook;
}

/**
 * The text of a cell.
 * @param {Cell} cell
 */
export function cellSource(cell) {
  return Array.isArray(cell.source) ? cell.source.map((s) => String(s)).join("") : String(cell.source ?? "");
}

/**
 * Sets a cell's text, stored as Jupyter does (a list of lines).
 * @param {Cell} cell
 * @param {string} text
 */
export function setCellSource(cell, text) {
  cell.source = splitLines(text);
}

/**
 * `"a\nb"` → `["a\n", "b"]`, as Jupyter stores sources.
 * @param {string} text
 */
export function splitLines(text) {
  if (text === "") return [];
  const parts = text.split("\n");
  return parts.map((line, i) => (i < parts.length - 1 ? line + "\n" : line)).filter((line) => line !== "");
}

/**
 * The cell's course role (`metadata.atencion`), or an empty one.
 * @param {Cell} cell
 * @returns {CellRole}
 */
export function cellRole(cell) {
  const role = cell.metadata?.atencion;
  return typeof role === "object" && role !== null ? role : {};
}

/**
 * A notebook as Jupyter writes it: one-space indent, non-ASCII kept, final newline.
 * @param {Notebook} nb
 */
export function formatNotebook(nb) {
  return JSON.stringify(nb, null, 1) + "\n";
}

/**
 * `01-atencion-ejercicios.ipynb` → `01-atencion-ejercicios`.
 * @param {string} fileName
 */
export function notebookStem(fileName) {
  return fileName.replace(/^.*[\\/]/, "").replace(/\.ipynb$/i, "");
}

/**
 * @typedef {{ source: string, cellId: string, notes: string[] }} Located
 * @typedef {{ name: string, notebook: Notebook }} StudentNotebook
 */

/**
 * Finds a student's code for an exercise, robust to cells moved, inserted, deleted or retyped:
 * the cells with the exercise's id or whose metadata names the exercise (Jupyter keeps metadata
 * when a cell is copied), else a code cell that declares the exercise's function. When several
 * cells qualify, the last one wins, as it would after "Run All". The student's notebook for this
 * exercise is searched first, then the others.
 * @param {StudentNotebook[]} notebooks the preferred notebook first
 * @param {{ id: string, cellId: string, functions: string[] }} exercise
 * @returns {Located | undefined}
 */
export function locateExercise(notebooks, exercise) {
  /** @type {((c: Cell) => boolean)[]} */
  const rules = [
    (c) => c.id === exercise.cellId || cellRole(c).exercise === exercise.id,
    (c) => c.cell_type === "code" && cellRole(c).tests === undefined && exercise.functions.some((f) => declares(cellSource(c), f)),
  ];
  for (const [r, rule] of rules.entries()) {
    for (const { name, notebook } of notebooks) {
      const found = notebook.cells.filter(rule);
      if (found.length === 0) continue;
      const cell = found[found.length - 1];
      /** @type {string[]} */
      const notes = [];
      if (notebook !== notebooks[0].notebook) notes.push(`encontré tu código en otro cuaderno (${name})`);
      if (r === 0 && cell.id !== exercise.cellId) notes.push(`la celda del ejercicio cambió de id (${String(cell.id)}); la encontré por sus metadatos`);
      if (r === 1) notes.push(`no encontré la celda original del ejercicio; usé la celda que define ${exercise.functions.join(", ")}`);
      if (found.length > 1) notes.push(`había ${found.length} celdas de este ejercicio; usé la última`);
      if (cell.cell_type !== "code") notes.push(`la celda era de tipo '${cell.cell_type}'; la evalué como código`);
      return { source: cellSource(cell), cellId: String(cell.id ?? ""), notes };
    }
  }
  return undefined;
}

/**
 * True when `source` declares `name` as a function or a variable.
 * @param {string} source
 * @param {string} name
 */
function declares(source, name) {
  const n = name.replace(/[$]/g, "\\$");
  return new RegExp(`(^|[^\\w$.])(function\\s*\\*?\\s*${n}\\s*[(<]|(const|let|var)\\s+${n}\\s*[=:])`).test(source);
}
