// End to end: `npm run grade` on a generated class (correct, partly correct, broken and hostile
// students; malformed, empty and duplicate submissions) with --jobs 2, then a re-run (the same
// grades, nothing graded again), then a resumed run after an interruption, then Gradescope mode.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import os from "node:os";
import path from "node:path";
import { loadMasters } from "../masters.mjs";
import { KEYS, ROOT, writeClass } from "./corpus.mjs";

/**
 * @typedef {import("../grade.mjs").StudentResult} StudentResult
 * @typedef {import("../grade.mjs").ExerciseResult} ExerciseResult
 * @typedef {import("../grade.mjs").TestResult} TestResult
 * @typedef {ReturnType<typeof import("../report.mjs").gradescopeResults>} Gradescope
 */

const work = mkdtempSync(path.join(os.tmpdir(), "atencion-clase-"));
const classDir = path.join(work, "entregas");
const outDir = path.join(work, "notas");
/** @type {ReturnType<typeof writeClass>} */
let cases = [];
/** @type {ReturnType<typeof grade>} */
let first;
/** The course's exercise keys, total points and number of tests, over every master notebook (they grow with the course). */
const course = { keys: /** @type {string[]} */ ([]), points: 0, tests: 0 };

/** @param {string[]} args */
function grade(args) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, "grader", "cli.mjs"), ...args], { encoding: "utf8", timeout: 600000 });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout, seconds: (Date.now() - t0) / 1000 };
}

/** @returns {StudentResult[]} */
const results = () => JSON.parse(readFileSync(path.join(outDir, "resultados.json"), "utf8"));
/** @returns {Map<string, StudentResult>} */
const byStudent = () => new Map(results().map((r) => [r.student, r]));

before(async () => {
  const exercises = (await loadMasters(ROOT, path.join(ROOT, "solutions"))).masters.flatMap((m) => m.exercises);
  course.keys = exercises.map((e) => e.key);
  course.points = exercises.reduce((a, e) => a + e.points, 0);
  course.tests = exercises.reduce((a, e) => a + e.tests.length, 0);
  mkdirSync(classDir);
  cases = writeClass(classDir, outDir);
  first = grade([classDir, "--out", outDir, "--jobs", "2", "--tiempo", "3", "--memoria", "400"]);
  if (first.status !== 0) console.error(first.stderr);
});

test("la corrección termina bien y escribe grades.csv, retroalimentación, Gradescope e informe", () => {
  assert.equal(first.status, 0);
  const csv = readFileSync(path.join(outDir, "grades.csv"), "utf8").trim().split("\n");
  assert.equal(csv[0], `estudiante,${course.keys.join(",")},total,maximo,estado,origen`);
  assert.equal(csv.length, 1 + 9, "una fila por estudiante: 6 entregas con cuadernos + vacía + zip vacío + zip roto");
  const files = readdirSync(path.join(outDir, "retroalimentacion"));
  assert.equal(files.length, 9);
  assert.ok(existsSync(path.join(outDir, "gradescope", "ana", "results.json")));
  assert.match(first.stderr, /9\/9 entregas/, "barra de progreso");
});

test("cada caso del corpus recibe la nota y el mensaje esperados", () => {
  const students = byStudent();
  const network = /Red de los procesos que ejecutan el código de los estudiantes: aislada/.test(readFileSync(path.join(outDir, "informe.md"), "utf8"));
  for (const c of cases) {
    const r = students.get(c.student);
    assert.ok(r, `falta ${c.student}`);
    for (const [short, ex] of Object.entries(c.exercises)) {
      const key = KEYS[/** @type {keyof typeof KEYS} */ (short)];
      /** @type {ExerciseResult | undefined} */
      const got = r.exercises.find((e) => e.key === key);
      assert.ok(got, `${c.student}: falta ${key}`);
      const where = `${c.student} / ${short}`;
      if (short === "autoatencion" && c.student === "hostil2" && !network) continue; // needs an isolated network
      /** @type {number} */
      const want = ex.expect.points === "full" ? got.max : ex.expect.points;
      assert.equal(got.points, want, `${where}: ${got.points} puntos en lugar de ${want}\n${JSON.stringify(got, null, 1)}`);
      const messages = got.tests.filter((t) => !t.ok).map((t) => `${t.name}: ${t.message}`).join("\n");
      if (ex.expect.message) assert.match(messages, ex.expect.message, where);
      if (ex.expect.note) assert.match(got.notes.join("\n"), ex.expect.note, where);
      if (ex.expect.status) assert.equal(got.status, ex.expect.status, where);
      if (ex.expect.error) assert.match(got.errors.join("\n"), ex.expect.error, where);
    }
    // Exercises a case does not mention are untouched stubs (or not found at all): zero.
    for (const e of r.exercises) {
      if (!Object.values(c.exercises).length || Object.keys(c.exercises).some((s) => KEYS[/** @type {keyof typeof KEYS} */ (s)] === e.key)) continue;
      assert.equal(e.points, 0, `${c.student} / ${e.key}`);
    }
    if (c.total !== undefined) assert.ok(Math.abs(r.total - c.total) < 0.011, `${c.student}: total ${r.total} en lugar de ${c.total}`);
  }
});

test("las entregas vacías, ilegibles, sueltas y duplicadas se informan", () => {
  const students = byStudent();
  assert.equal(students.get("vacio")?.status, "entrega vacía");
  assert.equal(students.get("zip-vacio")?.status, "entrega vacía");
  assert.equal(students.get("roto")?.status, "entrega ilegible");
  assert.equal(students.get("roto")?.total, 0);
  const report = readFileSync(path.join(outDir, "informe.md"), "utf8");
  assert.match(report, /roto\.zip: zip ilegible/);
  assert.match(report, /zip-vacio\.zip: entrega vacía/);
  assert.match(report, /vacio\/: entrega vacía/);
  assert.match(report, /notas\.txt: no es una entrega/);
  assert.match(report, /suelto\.ipynb: cuaderno suelto/);
  assert.match(report, /'beto' entregó 2 veces: corregí beto\.zip \(la más reciente\) e ignoré beto-antes\.zip/);
});

test("el código hostil no pudo escribir fuera de su proceso", () => {
  assert.equal(existsSync(path.join(classDir, "ana", "pwned.txt")), false);
  assert.doesNotMatch(readFileSync(path.join(outDir, "grades.csv"), "utf8"), /hackeado/);
});

test("la retroalimentación en español dice qué pasó y por qué, sin revelar las entradas ocultas", () => {
  const beto = readFileSync(path.join(outDir, "retroalimentacion", "beto.md"), "utf8");
  assert.match(beto, /^# Corrección: beto/);
  assert.ok(beto.includes(`**Total: 7.5 de ${course.points} puntos.**`), "el total, sobre los puntos de todo el curso");
  assert.match(beto, /### coseno: 1\.67 de 2 puntos/);
  assert.match(beto, /- ✘ \(oculta\) un vector nulo da 0: contiene NaN/);
  assert.match(beto, /- ✔ vectores paralelos/);
  assert.doesNotMatch(beto, /8, 7, 6, 5/, "las entradas de las pruebas ocultas no aparecen");
  const carla = readdirSync(path.join(outDir, "retroalimentacion")).find((f) => f.startsWith("Carla"));
  assert.ok(carla && /^[\w.-]+\.md$/.test(carla), "nombre de archivo seguro");
  const text = readFileSync(path.join(outDir, "retroalimentacion", carla), "utf8");
  assert.match(text, /Errores en tu celda:\n- línea 3, columna \d+: Se esperaba '\)'/);
  /** @type {Gradescope} */
  const gs = JSON.parse(readFileSync(path.join(outDir, "gradescope", "beto", "results.json"), "utf8"));
  assert.equal(gs.score, 7.5);
  assert.equal(gs.tests.length, course.tests, "una prueba de Gradescope por prueba de cada ejercicio");
  assert.ok(Math.abs(gs.tests.reduce((a, t) => a + t.max_score, 0) - course.points) < 1e-3);
  assert.ok(gs.tests.some((t) => t.visibility === "after_published"));
});

test("volver a ejecutar da las mismas notas sin corregir nada otra vez", () => {
  const csv = readFileSync(path.join(outDir, "grades.csv"), "utf8");
  const again = grade([classDir, "--out", outDir, "--jobs", "2", "--tiempo", "3", "--memoria", "400"]);
  assert.equal(again.status, 0);
  assert.equal(readFileSync(path.join(outDir, "grades.csv"), "utf8"), csv);
  assert.match(readFileSync(path.join(outDir, "informe.md"), "utf8"), /corregidas ahora: 0; reutilizadas de una corrección anterior: 9/);
});

test("una corrección interrumpida con Ctrl-C no deja procesos y se reanuda con las mismas notas", async () => {
  // A smaller class: ana, beto, dani.
  const small = path.join(work, "pocas");
  const out = path.join(work, "pocas-notas");
  mkdirSync(small);
  for (const f of ["beto.zip", "beto-antes.zip"]) copyFileSync(path.join(classDir, f), path.join(small, f));
  cpSync(path.join(classDir, "ana"), path.join(small, "ana"), { recursive: true });
  cpSync(path.join(classDir, "dani"), path.join(small, "dani"), { recursive: true });
  const args = [path.join(ROOT, "grader", "cli.mjs"), small, "--out", out, "--jobs", "1", "--tiempo", "3"];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const state = path.join(out, ".estado");
  while (!(existsSync(state) && readdirSync(state).filter((f) => f.endsWith(".json")).length >= 1)) await sleep(200);
  child.kill("SIGINT");
  const code = await new Promise((resolve) => child.on("close", resolve));
  assert.equal(code, 130);
  assert.match(stderr, /Corrección interrumpida \(SIGINT\)/);
  assert.equal(existsSync(path.join(out, "grades.csv")), false);
  await sleep(500);
  const left = spawnSync("pgrep", ["-f", path.join(ROOT, "grader", "sandbox")], { encoding: "utf8" }).stdout.trim();
  assert.equal(left, "", "no quedan procesos de la corrección");
  const resumed = grade([small, "--out", out, "--jobs", "2", "--tiempo", "3"]);
  assert.equal(resumed.status, 0);
  const report = readFileSync(path.join(out, "informe.md"), "utf8");
  const reused = Number((report.match(/reutilizadas de una corrección anterior: (\d+)/) ?? [])[1]);
  assert.ok(reused >= 1 && reused < 3, `reanudada: ${reused} reutilizadas`);
  const full = readFileSync(path.join(outDir, "grades.csv"), "utf8").split("\n");
  const rows = readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n");
  for (const row of rows.slice(1)) {
    const student = row.split(",")[0];
    const before = full.find((r) => r.startsWith(`${student},`));
    assert.equal(row.replace(/,[^,]*$/, ""), before?.replace(/,[^,]*$/, ""), `${student}: las mismas notas`);
  }
});

test("modo Gradescope: lee /autograder/submission y escribe /autograder/results/results.json", () => {
  const ag = path.join(work, "autograder");
  mkdirSync(path.join(ag, "submission"), { recursive: true });
  copyFileSync(path.join(classDir, "beto.zip"), path.join(ag, "submission", "entrega.zip"));
  const r = grade(["--gradescope", "--autograder", ag, "--jobs", "2"]);
  assert.equal(r.status, 0, r.stderr);
  /** @type {Gradescope} */
  const out = JSON.parse(readFileSync(path.join(ag, "results", "results.json"), "utf8"));
  assert.equal(out.score, 7.5);
  assert.match(out.output, /# Corrección: beto/);
  assert.equal(out.tests.filter((t) => t.status === "passed").length, 5 + 5 + 4 + 1 + 2);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
