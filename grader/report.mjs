// @ts-check
// What the grader writes: grades.csv (a row per student, a column per exercise, the total), a
// Spanish feedback file per student, a Gradescope results.json per student, and a class report.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {import("./grade.mjs").StudentResult} StudentResult
 * @typedef {import("./grade.mjs").ExerciseResult} ExerciseResult
 * @typedef {import("./masters.mjs").Master} Master
 */

/**
 * A CSV field (RFC 4180 quoting).
 * @param {string | number} v
 */
function csvField(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * grades.csv: `estudiante`, one column per exercise (`notebook/exercise`), `total`, `maximo`,
 * `estado`, `origen`. An exercise that could not be graded because of an infrastructure error is
 * left empty (not 0), and the `estado` says so.
 * @param {Master[]} masters
 * @param {StudentResult[]} results
 */
export function gradesCsv(masters, results) {
  const keys = masters.flatMap((m) => m.exercises.map((e) => e.key));
  const max = masters.reduce((a, m) => a + m.exercises.reduce((b, e) => b + e.points, 0), 0);
  const rows = [["estudiante", ...keys, "total", "maximo", "estado", "origen"]];
  for (const r of results) {
    const byKey = new Map(r.exercises.map((e) => [e.key, e]));
    const cells = keys.map((k) => {
      const e = byKey.get(k);
      return e === undefined || e.status === "infraestructura" ? "" : String(e.points);
    });
    rows.push([r.student, ...cells, String(r.total), String(max), r.status, r.origin]);
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

/**
 * Points with at most two decimals and a dot, as in the CSV.
 * @param {number} x
 */
const pts = (x) => String(Math.round(x * 100) / 100);

/**
 * The feedback for one student, in Spanish (Markdown).
 * @param {StudentResult} r
 */
export function feedbackMarkdown(r) {
  const out = [`# Corrección: ${r.student}`, "", `**Total: ${pts(r.total)} de ${pts(r.max)} puntos.**`, ""];
  if (r.status !== "corregida") out.push(`Estado: ${r.status}.`, "");
  if (r.notes.length > 0) out.push("Sobre la entrega:", ...r.notes.map((n) => `- ${n}`), "");
  out.push(
    "Cada ejercicio se corrige con sus pruebas públicas (las del cuaderno) y con pruebas ocultas; los puntos se reparten entre todas sus pruebas.",
    "",
  );
  let notebook = "";
  for (const e of r.exercises) {
    if (e.notebook !== notebook) {
      notebook = e.notebook;
      out.push(`## ${notebook}`, "");
    }
    out.push(`### ${e.id}: ${pts(e.points)} de ${pts(e.max)} puntos`, "");
    if (e.notes.length > 0) out.push(...e.notes.map((n) => `- Nota: ${n}`), "");
    if (e.errors.length > 0) out.push("Errores en tu celda:", ...e.errors.map((m) => `- ${m}`), "");
    if (e.status === "ok" || e.status === "infraestructura") {
      for (const t of e.tests) out.push(`- ${t.ok ? "✔" : "✘"} ${t.hidden ? "(oculta) " : ""}${t.name}${t.ok ? "" : `: ${t.message}`}`);
    } else {
      out.push(`- ✘ ${e.tests[0]?.message ?? "no se ejecutó"} (0 de ${e.tests.length} pruebas)`);
    }
    out.push("");
  }
  return out.join("\n");
}

/**
 * Gradescope's results.json for one student: one "test" per exercise test, worth its share of
 * the exercise's points; hidden tests become visible once grades are published.
 * @param {StudentResult} r
 */
export function gradescopeResults(r) {
  const tests = r.exercises.flatMap((e, n) => {
    const weight = e.tests.reduce((a, t) => a + t.weight, 0);
    const prefix = e.errors.length > 0 ? `${e.errors.join("\n")}\n` : "";
    return e.tests.map((t, k) => {
      const max = weight > 0 ? (e.max * t.weight) / weight : 0;
      return {
        name: `${e.notebook} · ${e.id} · ${t.name}`,
        number: `${n + 1}.${k + 1}`,
        score: t.ok ? Math.round(max * 10000) / 10000 : 0,
        max_score: Math.round(max * 10000) / 10000,
        status: t.ok ? "passed" : "failed",
        output: t.ok ? "" : `${prefix}${t.message}`,
        visibility: t.hidden ? "after_published" : "visible",
      };
    });
  });
  return {
    score: r.total,
    output: feedbackMarkdown(r),
    output_format: "md",
    stdout_visibility: "hidden",
    tests,
  };
}

/**
 * The class report: problems with the submissions, the sandbox, timing, and per exercise the
 * mean score and how often each test passed.
 * @param {Master[]} masters
 * @param {StudentResult[]} results
 * @param {{ problems: string[], network: string, seconds: number, jobs: number, graded: number, reused: number }} run
 */
export function classReport(masters, results, run) {
  const perMinute = run.seconds > 0 && run.graded > 0 ? (run.graded / run.seconds) * 60 : 0;
  const out = [
    "# Informe de la corrección",
    "",
    `- Entregas: ${results.length} (corregidas ahora: ${run.graded}; reutilizadas de una corrección anterior: ${run.reused}).`,
    `- Tiempo: ${run.seconds.toFixed(1)} s con --jobs ${run.jobs}${run.graded > 0 ? ` (${perMinute.toFixed(1)} entregas por minuto)` : ""}.`,
    `- Red de los procesos que ejecutan el código de los estudiantes: ${run.network}.`,
    "",
    "## Problemas con las entregas",
    "",
    ...(run.problems.length > 0 ? run.problems.map((p) => `- ${p}`) : ["Ninguno."]),
    "",
  ];
  const infra = results.filter((r) => r.infrastructure);
  if (infra.length > 0) {
    out.push("## Errores de infraestructura (vuelve a ejecutar la corrección: se reintentan)", "", ...infra.map((r) => `- ${r.student}`), "");
  }
  out.push("## Ejercicios", "", "| ejercicio | puntos | media | pruebas |", "| --- | --- | --- | --- |");
  for (const m of masters) {
    for (const e of m.exercises) {
      const rs = /** @type {ExerciseResult[]} */ (results.map((r) => r.exercises.find((x) => x.key === e.key)).filter((x) => x !== undefined));
      const mean = rs.length > 0 ? rs.reduce((a, x) => a + x.points, 0) / rs.length : 0;
      const tests = e.tests
        .map((t) => `${t.hidden ? "(oculta) " : ""}${t.name}: ${rs.filter((x) => x.tests[t.index]?.ok).length}/${rs.length}`)
        .join("; ");
      out.push(`| ${e.key} | ${e.points} | ${mean.toFixed(2)} | ${tests} |`);
    }
  }
  return out.join("\n") + "\n";
}

/**
 * Writes every output file into `outDir`.
 * @param {string} outDir
 * @param {Master[]} masters
 * @param {StudentResult[]} results
 * @param {Parameters<typeof classReport>[2]} run
 */
export function writeReports(outDir, masters, results, run) {
  mkdirSync(path.join(outDir, "retroalimentacion"), { recursive: true });
  writeFileSync(path.join(outDir, "grades.csv"), gradesCsv(masters, results));
  for (const r of results) {
    writeFileSync(path.join(outDir, "retroalimentacion", `${r.file}.md`), feedbackMarkdown(r));
    const gs = path.join(outDir, "gradescope", r.file);
    mkdirSync(gs, { recursive: true });
    writeFileSync(path.join(gs, "results.json"), JSON.stringify(gradescopeResults(r), null, 2) + "\n");
  }
  writeFileSync(path.join(outDir, "informe.md"), classReport(masters, results, run));
  writeFileSync(path.join(outDir, "resultados.json"), JSON.stringify(results, null, 1) + "\n");
}
