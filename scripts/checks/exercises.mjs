// @ts-check
// Course check (run by `npm test`): exercises/ is in sync with solutions/, every master solution
// passes all its tests (hidden ones included), and every stub of exercises/ fails all of them,
// both through the grader's own sandboxed runner.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exercisesOutOfSync } from "../../grader/exercises.mjs";
import { DEFAULT_LIMITS, gradeSubmissions } from "../../grader/grade.mjs";
import { loadMasters } from "../../grader/masters.mjs";
import { submissionFromFolder } from "../../grader/submissions.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const solutions = path.join(ROOT, "solutions");
const exercises = path.join(ROOT, "exercises");
let failures = 0;
const fail = (/** @type {string} */ message) => {
  failures++;
  console.log(`✗ ${message}`);
};

const stale = exercisesOutOfSync(solutions, exercises);
for (const s of stale) fail(`${s} (ejecuta \`npm run exercises\`)`);
if (stale.length === 0) console.log("✓ exercises/ está al día con solutions/");

const { masters, fingerprint } = await loadMasters(ROOT, solutions);
const state = mkdtempSync(path.join(os.tmpdir(), "atencion-check-"));
try {
  const run = await gradeSubmissions({
    root: ROOT,
    masters,
    mastersFingerprint: fingerprint,
    submissions: [submissionFromFolder(solutions, "maestro"), submissionFromFolder(exercises, "plantilla")],
    stateDir: state,
    jobs: 2,
    limits: DEFAULT_LIMITS,
    fresh: true,
    network: "auto",
    runUntouched: true, // run the stubs for real: they must fail every test
  });
  const [master, stub] = ["maestro", "plantilla"].map((s) => run.results.find((r) => r.student === s));
  for (const e of master?.exercises ?? []) {
    const bad = e.tests.filter((t) => !t.ok);
    if (e.points !== e.max || bad.length > 0) {
      fail(`solución de ${e.key}: ${e.points}/${e.max} (${[...e.errors, ...bad.map((t) => `${t.name}: ${t.message}`)].join("; ")})`);
    } else console.log(`✓ la solución de ${e.key} pasa sus ${e.tests.length} pruebas`);
  }
  for (const e of stub?.exercises ?? []) {
    const passed = e.tests.filter((t) => t.ok);
    if (e.points !== 0 || passed.length > 0 || e.status !== "ok") {
      fail(`plantilla de ${e.key}: ${e.points} puntos, estado ${e.status} (${passed.map((t) => t.name).join(", ") || e.errors.join("; ")})`);
    } else console.log(`✓ la plantilla de ${e.key} falla sus ${e.tests.length} pruebas`);
  }
} finally {
  rmSync(state, { recursive: true, force: true });
}
console.log(failures === 0 ? "ejercicios: todo bien" : `ejercicios: ${failures} problemas`);
process.exit(failures === 0 ? 0 : 1);
