// Markers, exercise generation, cell lookup by id, and the program built from cells.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exercisesOutOfSync, generateExercises } from "../exercises.mjs";
import { MasterError, analyzeMaster, stripMarkers, toExerciseNotebook } from "../markers.mjs";
import { loadTypeScript } from "../masters.mjs";
import { cellSource, locateExercise, parseNotebook, splitLines } from "../notebook.mjs";
import { ROOT } from "./corpus.mjs";

/** @typedef {import("../notebook.mjs").Notebook} Notebook */
/** @typedef {import("../notebook.mjs").Cell} Cell */

const require = createRequire(import.meta.url);
/** @type {typeof import("../sandbox/program.cjs")} */
const program = require("../sandbox/program.cjs");

/**
 * @param {string} id
 * @param {string} source
 * @param {Record<string, unknown>} [atencion]
 * @returns {Cell}
 */
const code = (id, source, atencion) => ({
  cell_type: "code",
  id,
  metadata: atencion ? { atencion } : {},
  source: splitLines(source),
  outputs: [{ output_type: "stream", name: "stdout", text: "viejo" }],
  execution_count: 3,
});
/** @param {Cell[]} cells @returns {Notebook} */
const notebook = (cells) => ({ cells, metadata: { kernelspec: { name: "tslab" } }, nbformat: 4, nbformat_minor: 5 });

const MASTER = notebook([
  { cell_type: "markdown", id: "solo-docentes", metadata: { atencion: { master_only: true } }, source: ["secreto"] },
  code("prep", 'import { prueba, comprobar } from "atencion";', { setup: true }),
  code(
    "ej",
    "function doble(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}",
    { exercise: "doble", points: 2 },
  ),
  code(
    "pr",
    'comprobar(doble, [\n  prueba("uno", [1], 2),\n  // BEGIN HIDDEN TESTS\n  prueba("oculta", [5], 10),\n  // END HIDDEN TESTS\n]);',
    { tests: "doble" },
  ),
]);

test("los marcadores: la solución se cambia por el esqueleto (con su sangría) y las pruebas ocultas se quitan", () => {
  const s = stripMarkers("a\n    // BEGIN SOLUTION\n    secreto();\n    // END SOLUTION\nb\n// BEGIN HIDDEN TESTS\noculto\n// END HIDDEN TESTS\nc");
  assert.equal(s.text, 'a\n    // TU CÓDIGO AQUÍ\n    throw new Error("Sin implementar");\nb\nc');
  assert.deepEqual([s.solutions, s.hidden], [1, 1]);
  assert.throws(() => stripMarkers("// BEGIN SOLUTION\nx"), /falta '\/\/ END SOLUTION'/);
  assert.throws(() => stripMarkers("// END HIDDEN TESTS"), /sin su BEGIN/);
  assert.throws(() => stripMarkers("// BEGIN SOLUTION\n// BEGIN HIDDEN TESTS"), /dentro de otro bloque/);
  assert.throws(() => stripMarkers("x(); // BEGIN SOLUTION"), /debe ir solo en su línea/);
});

test("el cuaderno del estudiante: sin soluciones, sin ocultas, sin celdas de docentes, sin salidas; ids y papeles intactos", () => {
  const ex = toExerciseNotebook(MASTER, "05-prueba.ipynb");
  assert.deepEqual(ex.cells.map((c) => c.id), ["prep", "ej", "pr"]);
  const text = JSON.stringify(ex);
  assert.doesNotMatch(text, /2 \* x|oculta|secreto|BEGIN|viejo/);
  assert.match(cellSource(ex.cells[1]), /throw new Error\("Sin implementar"\)/);
  assert.deepEqual(ex.cells[2].outputs, []);
  assert.equal(ex.cells[2].execution_count, null);
  assert.deepEqual(ex.cells[1].metadata?.atencion, { exercise: "doble", points: 2 });
  assert.deepEqual(ex.metadata.atencion, { notebook: "05-prueba" });
});

test("un cuaderno maestro mal hecho da un error que lo dice todo", () => {
  const bad = notebook([
    code("x", "// BEGIN SOLUTION\nf();\n// END SOLUTION"),
    code("x", "g();", { exercise: "g", points: 0 }),
    code("t", "comprobar(h, []);", { tests: "h" }),
    { cell_type: "code", metadata: {}, source: [] },
  ]);
  assert.throws(
    () => analyzeMaster(bad, "malo.ipynb"),
    (/** @type {Error} */ e) => {
      assert.ok(e instanceof MasterError);
      for (const part of [
        /celda 1 \(id x\): tiene '\/\/ BEGIN SOLUTION' pero no es la celda de un ejercicio/,
        /celda 2 \(id x\): id repetido/,
        /'points' debe ser un número > 0/,
        /la celda del ejercicio no tiene '\/\/ BEGIN SOLUTION'/,
        /celda 4: no tiene id/,
        /son de un ejercicio que no existe: 'h'/,
        /el ejercicio 'g' no tiene celda de pruebas/,
      ]) {
        assert.match(e.message, part);
      }
      return true;
    },
  );
});

test("exercises/ está al día, y se nota cuando no", () => {
  assert.deepEqual(exercisesOutOfSync(path.join(ROOT, "solutions"), path.join(ROOT, "exercises")), []);
  const dir = mkdtempSync(path.join(os.tmpdir(), "ejercicios-"));
  try {
    cpSync(path.join(ROOT, "exercises"), path.join(dir, "exercises"), { recursive: true });
    const [first] = generateExercises(path.join(ROOT, "solutions")).keys();
    const file = path.join(dir, "exercises", first);
    writeFileSync(file, readFileSync(file, "utf8").replace("TU CÓDIGO AQUÍ", "mi código"));
    writeFileSync(path.join(dir, "exercises", "99-huerfano.ipynb"), "{}");
    assert.deepEqual(exercisesOutOfSync(path.join(ROOT, "solutions"), path.join(dir, "exercises")), [
      `exercises/${first} no coincide con solutions/${first}`,
      "exercises/99-huerfano.ipynb no tiene cuaderno maestro en solutions/",
    ]);
    mkdirSync(path.join(dir, "vacia"));
    assert.match(exercisesOutOfSync(path.join(ROOT, "solutions"), path.join(dir, "vacia")).join("\n"), /falta exercises\//);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("la celda del estudiante se encuentra por id, por metadatos o por la función que define", () => {
  const ex = { id: "doble", cellId: "ej", functions: ["doble"] };
  const student = toExerciseNotebook(MASTER, "05-prueba.ipynb");
  const other = { name: "otro.ipynb", notebook: notebook([code("z", "function doble(x: number) { return x + x; }")]) };
  // Moved, with cells inserted.
  const moved = structuredClone(student);
  moved.cells.reverse();
  moved.cells.unshift(code("nueva", "console.log(1)"));
  assert.deepEqual(locateExercise([{ name: "a", notebook: moved }], ex)?.notes, []);
  // Retyped to markdown.
  const retyped = structuredClone(student);
  retyped.cells[1].cell_type = "raw";
  assert.match(locateExercise([{ name: "a", notebook: retyped }], ex)?.notes.join() ?? "", /era de tipo 'raw'/);
  // Duplicated: the last copy wins.
  const dup = structuredClone(student);
  dup.cells.splice(2, 0, { ...structuredClone(dup.cells[1]), id: "copia", source: ["// la copia"] });
  const found = locateExercise([{ name: "a", notebook: dup }], ex);
  assert.equal(found?.source, "// la copia");
  assert.match(found?.notes.join() ?? "", /había 2 celdas/);
  // Deleted: the cell that defines the function, in this notebook or another one.
  const deleted = structuredClone(student);
  deleted.cells.splice(1, 1);
  const elsewhere = locateExercise([{ name: "a", notebook: deleted }, other], ex);
  assert.equal(elsewhere?.cellId, "z");
  assert.match(elsewhere?.notes.join() ?? "", /otro cuaderno.*usé la celda que define doble/);
  // Not even that: not found. A test cell that mentions the function does not count.
  assert.equal(locateExercise([{ name: "a", notebook: deleted }], ex), undefined);
});

test("parseNotebook rechaza lo que no es un cuaderno", () => {
  assert.throws(() => parseNotebook("{"), /no es un JSON válido/);
  assert.throws(() => parseNotebook("[]"), /no tiene 'cells'/);
  assert.throws(() => parseNotebook('{"cells": [1]}'), /sin 'cell_type'/);
  assert.equal(cellSource(parseNotebook('{"cells": [{"cell_type": "code", "source": ["a\\n", "b"]}]}').cells[0]), "a\nb");
});

test("el programa: los import suben arriba, el resto va en orden dentro de una función async, y cada línea sabe de qué celda viene", () => {
  const ts = loadTypeScript(ROOT);
  const p = program.buildProgram(ts, [
    { id: "a", source: 'import { tf } from "atencion";\nconst x = 1;', role: "setup" },
    { id: "b", source: "const y = x + 1;\nimport * as fs from\n  \"fs\";\nawait 0;", role: "student" },
  ]);
  const lines = p.text.split("\n");
  assert.equal(lines[0], 'import { tf } from "atencion";');
  assert.equal(lines[1], "import * as fs from");
  assert.deepEqual(p.origins[1], { cell: 1, line: 2 });
  const at = lines.indexOf("const y = x + 1;");
  assert.deepEqual(p.origins[at], { cell: 1, line: 1 });
  assert.equal(lines[at + 1].trim(), "", "the import's lines are blanked in place");
  assert.equal(lines[at + 3], "await 0;");
  assert.deepEqual(p.origins[at + 3], { cell: 1, line: 4 });
  const js = program.injectExports("a /*__ATENCION_EXPORTS__*/ b", ["doble"]);
  assert.equal(js, 'a return __atencionExportar({ "doble": typeof doble === "undefined" ? undefined : doble }); b');
});

test("un import repetido de otra celda se quita (tslab lo aceptaría); la última celda puede redeclarar nombres", () => {
  const ts = loadTypeScript(ROOT);
  const p = program.buildProgram(
    ts,
    [
      { id: "a", source: 'import { tf, ready } from "atencion";\nimport "side";\nconst corpus = 1;', role: "setup" },
      { id: "b", source: 'import { tf, prueba as p } from "atencion";\nimport "side";\nimport * as fs from "fs";\nconst corpus = 2;\nexport function f() {}', role: "student" },
    ],
    { isolateLast: true },
  );
  const lines = p.text.split("\n");
  assert.deepEqual(lines.slice(0, 4), ['import { tf, ready } from "atencion";', 'import "side";', 'import { prueba as p } from "atencion";', 'import * as fs from "fs";']);
  assert.match(p.text, /\{\n +\n +\n +\nconst corpus = 2;\n +function f\(\) \{\}\n;\n\/\*__ATENCION_EXPORTS__\*\/\n\}\n\}\n$/);
});

