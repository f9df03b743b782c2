// @ts-check
// Grading: for each student and exercise, find the student's cell (by id), type-check it with the
// master's setup cells in the sandboxed compiler, run it in a fresh sandboxed process with the
// master's test inputs, and judge each output here, in the trusted parent, with the library's own
// `judgeOutput` (the one `comprobar` uses in the notebook). Partial credit goes by test weight.
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { judgeOutput } from "atencion";
import { locateExercise, parseNotebook } from "./notebook.mjs";
import { CompilerClient, runHarness, sandboxConfig } from "./sandbox.mjs";
import { safeName, sha256 } from "./submissions.mjs";

/** Bumped when a change to the grader can change grades (invalidates saved results). */
export const GRADER_VERSION = "4";

/**
 * @typedef {import("./masters.mjs").Master} Master
 * @typedef {import("./masters.mjs").Exercise} Exercise
 * @typedef {import("./submissions.mjs").Submission} Submission
 * @typedef {import("./notebook.mjs").StudentNotebook} StudentNotebook
 * @typedef {import("./sandbox.mjs").SandboxConfig} SandboxConfig
 * @typedef {{ name: string, hidden: boolean, weight: number, ok: boolean, message: string }} TestResult
 * @typedef {{ key: string, notebook: string, id: string, points: number, max: number,
 *   status: "ok" | "sin hacer" | "sin celda" | "errores de compilación" | "infraestructura",
 *   notes: string[], errors: string[], tests: TestResult[] }} ExerciseResult
 * @typedef {{ student: string, file: string, origin: string, status: string, notes: string[],
 *   exercises: ExerciseResult[], total: number, max: number, infrastructure: boolean, seconds: number }} StudentResult
 * @typedef {{ testSeconds: number, loadSeconds: number, startSeconds: number, heapMB: number, rssMB: number,
 *   compileSeconds: number, maxElements: number }} Limits
 */

/** @type {Limits} */
export const DEFAULT_LIMITS = {
  testSeconds: 10,
  loadSeconds: 30,
  startSeconds: 60,
  heapMB: 512,
  rssMB: 1024,
  compileSeconds: 60,
  maxElements: 200000,
};

const round2 = (/** @type {number} */ x) => Math.round(x * 100) / 100;

/**
 * @typedef {{ cfg: SandboxConfig, compiler: CompilerClient, limits: Limits, atencionPath: string, runUntouched?: boolean }} Context
 */

/**
 * Grades one exercise of one student. A cell left exactly as in exercises/ scores 0 without
 * running (unless `ctx.runUntouched`, as the course check does to prove that stubs fail).
 * @param {Context} ctx
 * @param {Master} master
 * @param {Exercise} ex
 * @param {StudentNotebook[]} notebooks the student's notebooks, the one for this master first
 * @param {string | undefined} unreadable why the student's notebook for this master is missing or unreadable
 * @returns {Promise<ExerciseResult>}
 */
export async function gradeExercise(ctx, master, ex, notebooks, unreadable) {
  const max = ex.points;
  /** @type {ExerciseResult} */
  const result = { key: ex.key, notebook: ex.notebook, id: ex.id, points: 0, max, status: "ok", notes: [], errors: [], tests: [] };
  const failAll = (/** @type {string} */ message) =>
    ex.tests.map((t) => ({ name: t.name, hidden: t.hidden, weight: t.weight, ok: false, message }));

  const located = notebooks.length > 0 ? locateExercise(notebooks, ex) : undefined;
  if (located === undefined) {
    result.status = "sin celda";
    const why = unreadable ?? `no encontré la celda del ejercicio (id ${ex.cellId})`;
    result.tests = failAll(`no se ejecutó: ${why}`);
    return result;
  }
  result.notes.push(...located.notes);
  if (!ctx.runUntouched && located.source.trim() === ex.stub.trim()) {
    result.status = "sin hacer";
    result.tests = failAll("sin hacer: la celda sigue como en el cuaderno original");
    return result;
  }
  const cells = [...master.setupCells, { id: located.cellId || ex.cellId, source: located.source, role: "student" }];
  const studentCell = cells.length - 1;

  // 1. Type check and compile (as tslab would: a cell with errors does not run).
  /** @type {import("./sandbox.mjs").CompileAnswer} */
  let answer;
  try {
    answer = await ctx.compiler.compile(cells, ex.functions);
    if (answer.type !== "result") answer = await ctx.compiler.compile(cells, ex.functions); // once more, fresh
  } catch (e) {
    // The type checker did not even start: nothing to do with this student's code.
    result.status = "infraestructura";
    result.errors.push(`error de infraestructura (no es culpa tuya): ${e instanceof Error ? e.message : String(e)}`);
    result.tests = failAll("no se pudo corregir (error de infraestructura)");
    return result;
  }
  if (answer.type === "timeout") {
    result.status = "errores de compilación";
    result.errors.push(`la comprobación de tipos tardó más de ${ctx.limits.compileSeconds} s`);
    result.tests = failAll("no se ejecutó: la comprobación de tipos de tu celda no terminó");
    return result;
  }
  if (answer.type !== "result") {
    result.status = "errores de compilación";
    result.errors.push(`el comprobador de tipos falló con tu celda: ${answer.message.split("\n")[0]}`);
    result.tests = failAll("no se ejecutó: el comprobador de tipos falló con tu celda");
    return result;
  }
  if (answer.diagnostics.length > 0) {
    result.status = "errores de compilación";
    for (const d of answer.diagnostics.slice(0, 10)) {
      const where =
        d.cell === studentCell
          ? `línea ${d.line}, columna ${d.column}`
          : d.cell !== null
            ? `en la celda de preparación '${cells[d.cell].id}' (línea ${d.line}), por algo de tu celda`
            : "en tu celda";
      result.errors.push(`${where}: ${d.message}`);
    }
    if (answer.diagnostics.length > 10) result.errors.push(`… y ${answer.diagnostics.length - 10} errores más`);
    result.tests = failAll("no se ejecutó: tu celda tiene errores de tipos o de sintaxis (como en el cuaderno, donde tampoco se ejecutaría)");
    return result;
  }

  // 2. Run the tests in a sandboxed child; judge here.
  const outcomes = await runTestsSandboxed(ctx, ex, answer.js);
  result.tests = ex.tests.map((t) => {
    const o = outcomes.results.get(t.index) ?? { error: "no se ejecutó" };
    const verdict = judgeOutput(o, t.test);
    return { name: t.name, hidden: t.hidden, weight: t.weight, ok: verdict.ok, message: verdict.message };
  });
  if (outcomes.infrastructure !== undefined) {
    result.status = "infraestructura";
    result.errors.push(`error de infraestructura (no es culpa tuya): ${outcomes.infrastructure}`);
  }
  const total = ex.tests.reduce((a, t) => a + t.weight, 0);
  const passed = result.tests.reduce((a, t) => a + (t.ok ? t.weight : 0), 0);
  result.points = total > 0 ? round2((max * passed) / total) : 0;
  return result;
}

/**
 * Runs every test of `ex` on the compiled student code: one sandboxed process, restarted after a
 * test that times out, crashes or exhausts memory (that test fails; the next ones still run).
 * @param {{ cfg: SandboxConfig, limits: Limits, atencionPath: string }} ctx
 * @param {Exercise} ex
 * @param {string} js
 * @returns {Promise<{ results: Map<number, import("atencion").CallResult>, infrastructure: string | undefined }>}
 */
async function runTestsSandboxed(ctx, ex, js) {
  const { limits } = ctx;
  const testSeconds = ex.timeLimit ?? limits.testSeconds;
  /** @type {Map<number, import("atencion").CallResult>} */
  const results = new Map();
  let pending = ex.tests.map((t) => t.index);
  let startFailures = 0;
  /** @type {string | undefined} */
  let infrastructure;
  while (pending.length > 0) {
    const run = await runHarness(
      ctx.cfg,
      {
        atencionPath: ctx.atencionPath,
        js,
        tests: pending.map((i) => ({ index: i, fn: ex.tests[i].fn, inputs: ex.tests[i].inputs })),
        maxElements: limits.maxElements,
      },
      {
        heapMB: limits.heapMB,
        rssMB: limits.rssMB,
        startMs: limits.startSeconds * 1000,
        loadMs: limits.loadSeconds * 1000,
        testMs: testSeconds * 1000,
      },
    );
    for (const m of run.messages) {
      if (m.t === "result" && typeof m.i === "number") {
        results.set(m.i, m.error !== undefined ? { error: m.error } : { output: /** @type {import("atencion").Serial} */ (m.output ?? null) });
      }
    }
    const rest = pending.filter((i) => !results.has(i));
    if (run.end === "done" || rest.length === 0) break;
    const loadError = run.messages.find((m) => m.t === "load-error");
    if (loadError) {
      for (const i of rest) results.set(i, { error: `tu celda lanzó un error al ejecutarse: ${loadError.message}` });
      break;
    }
    const reason = describeEnd(run, run.phase === "load" ? limits.loadSeconds : testSeconds, limits.rssMB);
    if (run.phase === "start") {
      // Nothing of the student's had run yet: the sandbox itself failed.
      if (++startFailures < 2) continue;
      infrastructure = `el proceso de corrección no arrancó (${reason}) ${run.stderr.slice(-500)}`.trim();
      for (const i of rest) results.set(i, { error: "no se pudo corregir (error de infraestructura)" });
      break;
    }
    if (run.phase === "load") {
      const why = run.end === "timeout" ? `tu celda tardó más de ${limits.loadSeconds} s en ejecutarse (¿un bucle infinito fuera de la función?)` : `al ejecutar tu celda, ${reason}`;
      for (const i of rest) results.set(i, { error: why });
      break;
    }
    const current = run.current !== undefined && rest.includes(run.current) ? run.current : rest[0];
    results.set(current, { error: reason });
    pending = rest.filter((i) => i !== current);
  }
  return { results, infrastructure };
}

/**
 * Why a sandboxed run ended early, in Spanish.
 * @param {import("./sandbox.mjs").HarnessRun} run
 * @param {number} seconds the time limit that applied
 * @param {number} rssMB
 */
function describeEnd(run, seconds, rssMB) {
  switch (run.end) {
    case "timeout":
      return `se pasó del límite de tiempo (${seconds} s): ¿un bucle infinito?`;
    case "memory":
      return `usó demasiada memoria (el límite es ${rssMB} MB)`;
    case "output":
      return "escribió demasiados datos";
    default:
      return `el proceso terminó de forma inesperada (${run.signal ? `señal ${run.signal}` : `código ${run.code}`})`;
  }
}

/**
 * The student's notebooks, with the one for `master` first (by notebook metadata, then file name,
 * then the lesson number prefix), and whether the student has such a notebook at all.
 * @param {StudentNotebook[]} notebooks
 * @param {Master} master
 */
function preferred(notebooks, master) {
  const prefix = master.stem.split("-")[0] + "-";
  /** @param {StudentNotebook} n */
  const rank = (n) => {
    const meta = /** @type {{ notebook?: unknown } | undefined} */ (n.notebook.metadata.atencion);
    if (meta?.notebook === master.stem) return 0;
    if (n.name === master.file) return 1;
    if (n.name.startsWith(prefix)) return 2;
    return 3;
  };
  const sorted = [...notebooks].sort((a, b) => rank(a) - rank(b));
  return { sorted, present: sorted.length > 0 && rank(sorted[0]) < 3 };
}

/**
 * Grades one student's submission.
 * @param {Context} ctx
 * @param {Master[]} masters
 * @param {Submission} sub
 * @returns {Promise<StudentResult>}
 */
export async function gradeStudent(ctx, masters, sub) {
  const t0 = Date.now();
  /** @type {StudentNotebook[]} */
  const notebooks = [];
  /** @type {Map<string, string>} */
  const unreadable = new Map();
  const notes = [...sub.notes];
  for (const f of sub.files) {
    try {
      notebooks.push({ name: f.name, notebook: parseNotebook(f.text) });
    } catch (e) {
      const why = `no pude leer ${f.name}: ${e instanceof Error ? e.message : String(e)}`;
      unreadable.set(f.name, why);
      notes.push(why);
    }
  }
  /** @type {ExerciseResult[]} */
  const exercises = [];
  for (const master of masters) {
    const mine = preferred(notebooks, master);
    const why = unreadable.get(master.file) ?? (mine.present ? undefined : `no entregaste ${master.file}`);
    for (const ex of master.exercises) {
      exercises.push(await gradeExercise(ctx, master, ex, mine.sorted, why));
    }
  }
  const infrastructure = exercises.some((e) => e.status === "infraestructura");
  return {
    student: sub.student,
    file: safeName(sub.student),
    origin: sub.origin,
    status: infrastructure ? "error de infraestructura" : sub.status === "ok" ? "corregida" : `entrega ${sub.status}`,
    notes,
    exercises,
    total: round2(exercises.reduce((a, e) => a + e.points, 0)),
    max: round2(exercises.reduce((a, e) => a + e.max, 0)),
    infrastructure,
    seconds: (Date.now() - t0) / 1000,
  };
}

/**
 * A fingerprint of everything that decides a student's grade: grader version, masters, limits and
 * the submitted files. A saved result with the same fingerprint is reused (resume, re-runs).
 * @param {string} mastersFingerprint
 * @param {Limits} limits
 * @param {Submission} sub
 */
export function submissionFingerprint(mastersFingerprint, limits, sub) {
  const files = sub.files.map((f) => `${f.name}:${f.sha256}`).sort();
  return sha256(JSON.stringify([GRADER_VERSION, mastersFingerprint, limits, sub.student, sub.status, files, sub.notes]));
}

/**
 * Grades `submissions` with `jobs` students at a time. Results already saved in `stateDir` with a
 * matching fingerprint are reused, so an interrupted run resumes and a re-run changes nothing.
 * @param {{ root: string, masters: Master[], mastersFingerprint: string, submissions: Submission[], stateDir: string,
 *   jobs: number, limits: Limits, fresh: boolean, network: "auto" | "yes" | "no", backend?: string, runUntouched?: boolean,
 *   onStudent?: (r: StudentResult, reused: boolean) => void }} options
 * @returns {Promise<{ results: StudentResult[], network: string, reused: number }>}
 */
export async function gradeSubmissions(options) {
  const { masters, limits } = options;
  const cfg = sandboxConfig(options.root, { isolateNetwork: options.network, ...(options.backend ? { backend: options.backend } : {}) });
  const atencionPath = realpathSync(path.join(options.root, "lib", "dist", "index.js"));
  await preflight(cfg, atencionPath);
  mkdirSync(options.stateDir, { recursive: true });
  /** @type {StudentResult[]} */
  const results = [];
  let reused = 0;
  const queue = [...options.submissions];
  const worker = async () => {
    const compiler = new CompilerClient(cfg, { timeoutMs: limits.compileSeconds * 1000, heapMB: 1536, rssMB: 3072 });
    try {
      for (let sub = queue.shift(); sub !== undefined; sub = queue.shift()) {
        const fingerprint = submissionFingerprint(options.mastersFingerprint, limits, sub);
        const stateFile = path.join(options.stateDir, `${safeName(sub.student)}.json`);
        const saved = options.fresh ? undefined : readState(stateFile, fingerprint);
        if (saved !== undefined) {
          reused++;
          results.push(saved);
          options.onStudent?.(saved, true);
          continue;
        }
        const r = await gradeStudent({ cfg, compiler, limits, atencionPath, runUntouched: options.runUntouched }, masters, sub);
        if (!r.infrastructure) writeState(stateFile, fingerprint, r);
        results.push(r);
        options.onStudent?.(r, false);
      }
    } finally {
      compiler.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  results.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return { results, network: cfg.network, reused };
}

/** The grading environment itself is broken (not a student's fault); the message is in Spanish. */
export class InfrastructureError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "InfrastructureError";
  }
}

/**
 * Runs a trivial job in the sandbox before grading anyone: if the sandbox cannot run code at all
 * (an old Node, a missing library build…), say so once instead of failing every exercise.
 * @param {SandboxConfig} cfg
 * @param {string} atencionPath
 */
async function preflight(cfg, atencionPath) {
  const js = "exports.__atencionPrograma = async (celda, exportar) => exportar({ f: (x) => x + 1 });";
  const limits = { heapMB: 256, rssMB: 1024, startMs: 60000, loadMs: 30000, testMs: 30000 };
  let run = await runHarness(cfg, { atencionPath, js, tests: [{ index: 0, fn: "f", inputs: [1] }], maxElements: 10 }, limits);
  if (run.end !== "done") run = await runHarness(cfg, { atencionPath, js, tests: [{ index: 0, fn: "f", inputs: [1] }], maxElements: 10 }, limits);
  const result = run.messages.find((m) => m.t === "result");
  if (run.end !== "done" || result?.output !== 2) {
    throw new InfrastructureError(
      `el entorno de corrección no funciona (el proceso aislado terminó: ${run.end}, código ${run.code}, señal ${run.signal}). ` +
        `¿Node ≥ 20.19 y la biblioteca compilada (npm run build)?\n${run.stderr.slice(-1500)}`,
    );
  }
}

/** @param {string} file @param {string} fingerprint @returns {StudentResult | undefined} */
function readState(file, fingerprint) {
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, "utf8"));
    return s.fingerprint === fingerprint ? s.result : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary name, then renamed: an interrupted write leaves no half file. */
function writeState(/** @type {string} */ file, /** @type {string} */ fingerprint, /** @type {StudentResult} */ result) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ fingerprint, result }));
  renameSync(tmp, file);
}
