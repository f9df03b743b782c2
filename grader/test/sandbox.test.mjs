// The sandbox on its own: what the child may not do, type errors mapped to the student's lines,
// and an infrastructure failure reported as such (not as a zero).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { realpathSync } from "node:fs";
import os from "node:os";
import { DEFAULT_LIMITS, InfrastructureError, gradeExercise, gradeSubmissions } from "../grade.mjs";
import { loadMasters } from "../masters.mjs";
import { gradesCsv } from "../report.mjs";
import { CompilerClient, runHarness, sandboxConfig } from "../sandbox.mjs";
import { ROOT, solved } from "./corpus.mjs";

/** @typedef {import("../masters.mjs").Master} Master */

const cfg = sandboxConfig(ROOT);
const atencionPath = realpathSync(path.join(ROOT, "lib", "dist", "index.js"));
const compiler = new CompilerClient(cfg, { timeoutMs: 60000, heapMB: 1536, rssMB: 3072 });
/** @type {Master[]} */
let masters = [];
before(async () => {
  masters = (await loadMasters(ROOT, path.join(ROOT, "solutions"))).masters;
});
after(() => compiler.close());

const limits = { heapMB: 256, rssMB: 512, startMs: 60000, loadMs: 20000, testMs: 5000 };

/**
 * Runs `js` (CommonJS that sets exports.__atencionPrograma) in the harness with one test calling `f`.
 * @param {string} body code of the async program function
 */
function harness(body) {
  const js = `exports.__atencionPrograma = async (celda, exportar) => { ${body} };`;
  return runHarness(cfg, { atencionPath, js, tests: [{ index: 0, fn: "f", inputs: [2] }], maxElements: 1000 }, limits);
}

test("el proceso hijo solo lee la biblioteca: ni el maestro, ni el enlace simbólico, ni /proc, ni escribe, ni lanza procesos", async () => {
  const attempts = {
    maestro: `require("fs").readFileSync(${JSON.stringify(path.join(ROOT, "solutions", "01-representaciones-ejercicios.ipynb"))})`,
    enlace: `require("fs").readFileSync(${JSON.stringify(path.join(ROOT, "node_modules", "atencion", "..", "package.json"))})`,
    proc: `require("fs").readFileSync("/proc/self/environ")`,
    escribir: `require("fs").writeFileSync("/tmp/atencion-pwned", "x")`,
    proceso: `require("child_process").execSync("true")`,
    hilo: `new (require("worker_threads").Worker)("1", { eval: true })`,
  };
  const body = `const r = {}; for (const [k, code] of Object.entries(${JSON.stringify(attempts)})) { try { eval(code); r[k] = "PERMITIDO"; } catch (e) { r[k] = e.code; } } return exportar({ f: () => r });`;
  const run = await harness(body);
  assert.equal(run.end, "done");
  const result = run.messages.find((m) => m.t === "result");
  assert.deepEqual(result?.output, {
    $: "object",
    entries: Object.fromEntries(Object.keys(attempts).map((k) => [k, "ERR_ACCESS_DENIED"])),
  });
});

test("el hijo no hereda el entorno del corrector", async () => {
  process.env.ATENCION_SECRETO_DE_PRUEBA = "no-debe-verse";
  try {
    const run = await harness("return exportar({ f: () => Object.keys(process.env).sort() });");
    const out = /** @type {string[]} */ (run.messages.find((m) => m.t === "result")?.output);
    assert.ok(Array.isArray(out));
    assert.ok(!out.includes("ATENCION_SECRETO_DE_PRUEBA"));
    assert.ok(out.includes("ATENCION_BACKEND"));
  } finally {
    delete process.env.ATENCION_SECRETO_DE_PRUEBA;
  }
});

test("los errores de tipos se dan en español, con la línea de la celda del estudiante", async () => {
  const m = masters[0];
  const cells = [...m.setupCells, { id: "e", role: "student", source: "// comentario\nfunction similitudCoseno(a: number[], b: number[]): number {\n  return a;\n}" }];
  const r = await compiler.compile(cells, ["similitudCoseno"]);
  assert.equal(r.type, "result");
  if (r.type !== "result") return;
  assert.deepEqual(
    r.diagnostics.map((d) => [d.cell, d.line, d.message]),
    [[cells.length - 1, 3, "El tipo 'number[]' no se puede asignar al tipo 'number'."]],
  );
});

test("la celda del estudiante puede repetir los import de la preparación y redeclarar sus nombres, como en tslab", async () => {
  const setup = { id: "s", role: "setup", source: 'import { tf, ready } from "atencion";\nawait ready();\nconst corpus = [1];' };
  const student = { id: "e", role: "student", source: 'import { tf } from "atencion";\nconst corpus = ["otro"];\nexport function f(x: number): number { return corpus.length + tf.scalar(x).dataSync()[0]; }' };
  const r = await compiler.compile([setup, student], ["f"]);
  assert.equal(r.type, "result");
  if (r.type !== "result") return;
  assert.deepEqual(r.diagnostics, []);
  const run = await runHarness(cfg, { atencionPath, js: r.js, tests: [{ index: 0, fn: "f", inputs: [2] }], maxElements: 1000 }, limits);
  assert.deepEqual(run.messages.find((m) => m.t === "result")?.output, 3);
});

test("un fallo de la infraestructura se informa como tal, no como un cero", async () => {
  const master = masters[0];
  const ex = master.exercises[0];
  const notebook = structuredClone(master.exerciseNotebook);
  const cell = notebook.cells.find((c) => c.id === ex.cellId);
  if (cell) cell.source = solved("coseno");
  const broken = { cfg, compiler, limits: { ...DEFAULT_LIMITS, startSeconds: 20 }, atencionPath: "/no/existe/index.js" };
  const r = await gradeExercise(broken, master, ex, [{ name: master.file, notebook }], undefined);
  assert.equal(r.status, "infraestructura");
  assert.match(r.errors.join(), /error de infraestructura \(no es culpa tuya\)/);
  const csv = gradesCsv(masters, [
    { student: "eva", file: "eva", origin: "eva/", status: "error de infraestructura", notes: [], exercises: [r], total: 0, max: 27, infrastructure: true, seconds: 0 },
  ]);
  assert.match(csv.split("\n")[1], /^eva,,0?,?/, "la celda queda vacía, no en 0");
  assert.equal(csv.split("\n")[1].split(",")[1], "");
  // The same exercise with the real library: full marks.
  const ok = await gradeExercise({ ...broken, atencionPath }, master, ex, [{ name: master.file, notebook }], undefined);
  assert.equal(ok.points, ex.points);
});

test("si el entorno de corrección no funciona, se dice una vez, antes de corregir a nadie", async () => {
  await assert.rejects(
    gradeSubmissions({
      root: ROOT,
      masters,
      mastersFingerprint: "x",
      submissions: [],
      stateDir: path.join(os.tmpdir(), "atencion-no-se-usa"),
      jobs: 1,
      limits: DEFAULT_LIMITS,
      fresh: true,
      network: "auto",
      backend: "gpu", // not a backend: the sandboxed child cannot start
    }),
    (/** @type {Error} */ e) => e instanceof InfrastructureError && /el entorno de corrección no funciona/.test(e.message),
  );
});

