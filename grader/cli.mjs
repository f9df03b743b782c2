// @ts-check
// `npm run grade`: grades a folder of submissions against the master notebooks of solutions/.
//
//   npm run grade -- <entregas> [--out <carpeta>] [--jobs N] [--tiempo S] [--memoria MB]
//                    [--rehacer] [--red auto|si|no] [--solutions <carpeta>]
//   npm run grade -- --gradescope [--autograder /autograder]
//
// Exit status: 0 graded; 1 bad usage or a broken master notebook; 2 some exercise could not be
// graded because of an infrastructure error (re-run: those are retried, the rest is reused).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LIMITS, InfrastructureError, gradeSubmissions } from "./grade.mjs";
import { MasterError } from "./markers.mjs";
import { loadMasters } from "./masters.mjs";
import { progressBar } from "./progress.mjs";
import { killAllChildren } from "./sandbox.mjs";
import { classReport, gradescopeResults, writeReports } from "./report.mjs";
import { discoverSubmissions, submissionFromFolder } from "./submissions.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `Uso:
  npm run grade -- <entregas> [--out <carpeta>] [--jobs N] [--tiempo S] [--memoria MB] [--rehacer] [--red auto|si|no]
  npm run grade -- --gradescope [--autograder /autograder]

<entregas>: una carpeta por estudiante con sus cuadernos de ejercicios, o los zip de \`npm run entregar\`
(sueltos o uno por carpeta, como los descarga el aula virtual).`;

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const flags = {};
  /** @type {string[]} */
  const positional = [];
  const withValue = new Set(["--out", "--jobs", "--tiempo", "--memoria", "--red", "--solutions", "--autograder"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (withValue.has(a)) {
      if (i + 1 >= argv.length) throw new Error(`falta el valor de ${a}`);
      flags[a] = argv[++i];
    } else if (a.startsWith("--")) flags[a] = true;
    else positional.push(a);
  }
  return { flags, positional };
}

/** @param {string | boolean | undefined} v @param {number} fallback @param {string} name */
function positiveNumber(v, fallback, name) {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} debe ser un número positivo`);
  return n;
}

/** @param {string[]} argv */
export async function main(argv) {
  const { flags, positional } = parseArgs(argv);
  if (flags["--help"] || flags["--ayuda"]) {
    console.log(USAGE);
    return 0;
  }
  const red = String(flags["--red"] ?? "auto");
  if (!["auto", "si", "no"].includes(red)) throw new Error("--red debe ser auto, si o no");
  const jobs = Math.floor(positiveNumber(flags["--jobs"], Math.max(1, Math.min(os.availableParallelism?.() ?? 2, 4)), "--jobs"));
  // --tiempo: per test; a cell's top-level code gets three times as much. --memoria: resident
  // memory per process; the V8 heap gets half of it.
  const testSeconds = positiveNumber(flags["--tiempo"], DEFAULT_LIMITS.testSeconds, "--tiempo");
  const rssMB = positiveNumber(flags["--memoria"], DEFAULT_LIMITS.rssMB, "--memoria");
  const limits = { ...DEFAULT_LIMITS, testSeconds, loadSeconds: 3 * testSeconds, rssMB, heapMB: Math.round(rssMB / 2) };
  const solutionsDir = path.resolve(String(flags["--solutions"] ?? path.join(ROOT, "solutions")));
  const network = /** @type {"auto" | "yes" | "no"} */ ({ auto: "auto", si: "yes", no: "no" }[red]);

  if (flags["--gradescope"]) return gradescope(String(flags["--autograder"] ?? "/autograder"), { solutionsDir, jobs, limits, network });

  if (positional.length !== 1) {
    console.error(USAGE);
    return 1;
  }
  const submissionsDir = path.resolve(positional[0]);
  if (!existsSync(submissionsDir)) throw new Error(`no existe la carpeta de entregas ${submissionsDir}`);
  const outDir = path.resolve(String(flags["--out"] ?? `${submissionsDir.replace(/[\\/]+$/, "")}-calificaciones`));
  if (outDir === submissionsDir || outDir.startsWith(submissionsDir + path.sep)) {
    throw new Error("--out no puede estar dentro de la carpeta de entregas");
  }
  const t0 = Date.now();
  console.error(`Cargando los cuadernos maestros de ${path.relative(process.cwd(), solutionsDir) || "."}…`);
  const { masters, fingerprint } = await loadMasters(ROOT, solutionsDir);
  const exercises = masters.reduce((a, m) => a + m.exercises.length, 0);
  const { submissions, problems } = discoverSubmissions(submissionsDir);
  console.error(`${submissions.length} entregas, ${exercises} ejercicios, ${jobs} a la vez.`);
  for (const p of problems) console.error(`aviso: ${p}`);
  const bar = progressBar(submissions.length);
  let graded = 0;
  const run = await gradeSubmissions({
    root: ROOT,
    masters,
    mastersFingerprint: fingerprint,
    submissions,
    stateDir: path.join(outDir, ".estado"),
    jobs,
    limits,
    fresh: flags["--rehacer"] === true,
    network,
    onStudent: (r, reused) => {
      if (!reused) graded++;
      bar.tick(`${r.student}: ${r.total}/${r.max}${reused ? " (ya corregida)" : ""}${r.infrastructure ? " ¡ERROR DE INFRAESTRUCTURA!" : ""}`);
    },
  });
  bar.finish();
  const seconds = (Date.now() - t0) / 1000;
  writeReports(outDir, masters, run.results, { problems, network: run.network, seconds, jobs, graded, reused: run.reused });
  const infra = run.results.filter((r) => r.infrastructure).length;
  console.error(
    `Listo en ${seconds.toFixed(1)} s: ${path.join(path.relative(process.cwd(), outDir), "grades.csv")}, ` +
      `retroalimentacion/, gradescope/, informe.md.${run.network === "aislada" ? "" : " (Aviso: la red de los procesos de corrección no está aislada.)"}`,
  );
  if (infra > 0) {
    console.error(`${infra} entregas tuvieron errores de infraestructura (no son ceros): vuelve a ejecutar la misma orden.`);
    return 2;
  }
  return 0;
}

/**
 * Gradescope: grades /autograder/submission and writes /autograder/results/results.json.
 * @param {string} base
 * @param {{ solutionsDir: string, jobs: number, limits: import("./grade.mjs").Limits, network: "auto" | "yes" | "no" }} o
 */
async function gradescope(base, o) {
  const submission = path.join(base, "submission");
  const resultsDir = path.join(base, "results");
  mkdirSync(resultsDir, { recursive: true });
  const state = mkdtempSync(path.join(os.tmpdir(), "atencion-gradescope-"));
  try {
    const { masters, fingerprint } = await loadMasters(ROOT, o.solutionsDir);
    const sub = submissionFromFolder(submission, "estudiante");
    /** @type {Awaited<ReturnType<typeof gradeSubmissions>>} */
    let run;
    try {
      run = await gradeSubmissions({ root: ROOT, masters, mastersFingerprint: fingerprint, submissions: [sub], stateDir: state, jobs: o.jobs, limits: o.limits, fresh: true, network: o.network });
    } catch (e) {
      if (!(e instanceof InfrastructureError)) throw e;
      const output = `Error de infraestructura: no se pudo corregir tu entrega (no es culpa tuya). Avisa a tu docente.\n\n${e.message}`;
      writeFileSync(path.join(resultsDir, "results.json"), JSON.stringify({ output, tests: [] }, null, 2) + "\n");
      console.error(output);
      return 2;
    }
    const r = run.results[0];
    const results = gradescopeResults(r);
    if (r.infrastructure) results.output = `Error de infraestructura al corregir: avisa a tu docente.\n\n${results.output}`;
    writeFileSync(path.join(resultsDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
    console.error(classReport(masters, run.results, { problems: [], network: run.network, seconds: r.seconds, jobs: o.jobs, graded: 1, reused: 0 }));
    return r.infrastructure ? 2 : 0;
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Interrupted: end every sandboxed child; what was graded is saved and the next run resumes.
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
    process.on(signal, () => {
      killAllChildren();
      console.error(`\nCorrección interrumpida (${signal}): lo corregido está guardado; la misma orden la reanuda.`);
      process.exit(130);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      if (e instanceof InfrastructureError) {
        console.error(`Error de infraestructura (no se corrigió a nadie): ${e.message}`);
        process.exit(2);
      }
      console.error(e instanceof MasterError ? `Error en un cuaderno maestro: ${e.message}` : `Error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
