// `npm test`: the type check, the unit tests beside the code, every notebook through the real tslab
// kernel (Jupyter's own client), and the course checks. Prints a closing "N passed, N failed" line.
//
//   npm test                          everything
//   npm test -- --only unit           one stage (typecheck, unit, notebooks, checks)
//   npm test -- --notebooks 00,03     only the notebooks whose name starts with these prefixes
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { optionValue } from "./lib/args.mjs";
import { ROOT, findPython, jupyterEnv, writeLocalKernelSpec } from "./lib/jupyter.mjs";

const args = process.argv.slice(2);
const only = valueOf("--only");
const notebookFilter = valueOf("--notebooks")?.split(",");
const jobs = Number(valueOf("--jobs") ?? 2);
const DEFAULT_NOTEBOOK_LIMIT_S = 240;

function valueOf(flag) {
  return optionValue(args, flag);
}

const results = []; // { stage, name, ok, seconds, detail }
const record = (stage, name, ok, seconds, detail = "") => results.push({ stage, name, ok, seconds, detail });
const wants = (stage) => only === undefined || only.split(",").includes(stage);

function walk(dir, keep, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, keep, out);
    else if (keep(full)) out.push(full);
  }
  return out;
}

function timed(cmd, argv, opts = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: "inherit", ...opts });
  return { status: r.status, seconds: (Date.now() - t0) / 1000 };
}

// 1. Type check (and build: notebooks import the compiled package).
if (wants("typecheck") || wants("unit") || wants("notebooks")) {
  console.log("\n== Comprobación de tipos y compilación de atencion (tsc, strict) ==");
  const r = timed(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "lib"]);
  record("typecheck", "tsc -p lib", r.status === 0, r.seconds);
  if (r.status !== 0) finish();
  // The grader (plain .mjs, type-checked through JSDoc). Absent from the student edition.
  if (existsSync(path.join(ROOT, "grader", "tsconfig.json"))) {
    const g = timed(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "grader"]);
    record("typecheck", "tsc -p grader", g.status === 0, g.seconds);
  }
}

// 2. Unit tests beside the code: lib/dist/**/*.test.js and scripts' own *.test.mjs.
if (wants("unit")) {
  const files = [
    ...walk(path.join(ROOT, "lib", "dist"), (f) => f.endsWith(".test.js")),
    ...walk(path.join(ROOT, "scripts"), (f) => f.endsWith(".test.mjs")),
    ...walk(path.join(ROOT, "grader"), (f) => f.endsWith(".test.mjs")),
    ...walk(path.join(ROOT, "datasets"), (f) => f.endsWith(".test.mjs")),
    ...walk(path.join(ROOT, "bench"), (f) => f.endsWith(".test.mjs")),
    ...walk(path.join(ROOT, "checkpoints"), (f) => f.endsWith(".test.mjs")),
  ].sort();
  console.log(`\n== Pruebas unitarias (${files.length} archivos, node --test) ==`);
  mkdirSync(path.join(ROOT, "build"), { recursive: true });
  const tap = path.join(ROOT, "build", "unit.tap");
  const r = timed(process.execPath, [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, "utf8") : "";
  const count = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, "m")) ?? [])[1] ?? 0);
  for (let i = 0; i < count("pass"); i++) record("unit", "", true, 0);
  for (let i = 0; i < count("fail"); i++) record("unit", "", false, 0);
  if (r.status !== 0 && count("fail") === 0) record("unit", "node --test", false, r.seconds, "el ejecutor de pruebas falló");
  console.log(`pruebas unitarias: ${count("pass")} bien, ${count("fail")} mal, ${r.seconds.toFixed(1)} s`);
}

// 3. Every notebook through tslab, with Jupyter's client, at most `jobs` at a time.
async function runNotebooks() {
  const python = findPython(["nbclient", "nbformat", "jupyter_client"]);
  const notebooks = ["notebooks", "solutions"]
    .flatMap((d) => walk(path.join(ROOT, d), (f) => f.endsWith(".ipynb")))
    .filter((f) => !notebookFilter || notebookFilter.some((p) => path.basename(f).startsWith(p)))
    .sort();
  console.log(`\n== Cuadernos por el kernel tslab (${notebooks.length}, ${jobs} a la vez) ==`);
  if (python === undefined) {
    record("notebooks", "jupyter", false, 0, "falta el cliente de Jupyter (nbclient): instala python3-nbclient");
    return;
  }
  writeLocalKernelSpec();
  const queue = [...notebooks];
  const worker = async () => {
    for (let nb = queue.shift(); nb !== undefined; nb = queue.shift()) await runNotebook(python, nb);
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
}

function notebookLimit(file) {
  try {
    const meta = JSON.parse(readFileSync(file, "utf8")).metadata ?? {};
    return Number(meta.atencion?.time_limit ?? DEFAULT_NOTEBOOK_LIMIT_S);
  } catch {
    return DEFAULT_NOTEBOOK_LIMIT_S;
  }
}

function runNotebook(python, file) {
  const rel = path.relative(ROOT, file);
  const limit = notebookLimit(file);
  const executed = path.join(ROOT, "build", "executed", rel);
  mkdirSync(path.dirname(executed), { recursive: true });
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(python, [path.join(ROOT, "scripts", "run_notebook.py"), file, "--out", executed], {
      cwd: ROOT,
      // Strict checks: a failing comprobar(...) (e.g. a master's hidden test) fails the notebook.
      env: jupyterEnv({ ATENCION_COMPROBAR: "estricto" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so a timeout also ends the kernel
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => killTree(child.pid), limit * 1000);
    // The kernel runs in a session of its own: if it outlived the client it would hold our pipes
    // open, so settle on 'exit' too (after a grace period for the last output).
    let settled = false;
    const settle = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const seconds = (Date.now() - t0) / 1000;
      let report;
      try {
        report = JSON.parse(out.trim().split("\n").pop());
      } catch {
        report = undefined;
      }
      if (seconds >= limit) {
        record("notebooks", rel, false, seconds, `superó su límite de ${limit} s`);
      } else if (code === 0 && report?.ok) {
        record("notebooks", rel, true, report.seconds);
      } else {
        const e = report?.error;
        const detail = e
          ? `celda ${e.cell_index} (id ${e.cell_id}), ${e.kind}\n--- código ---\n${e.source}\n--- salida ---\n${e.outputs || e.message}`
          : `el ejecutor terminó con código ${code}\n${err.slice(-4000)}`;
        record("notebooks", rel, false, seconds, detail);
      }
      const last = results[results.length - 1];
      console.log(`${last.ok ? "✓" : "✗"} ${rel}  ${last.seconds.toFixed(1)} s (límite ${limit} s)`);
      if (!last.ok) console.log(indent(last.detail));
      resolve();
    };
    child.on("close", settle);
    child.on("exit", (code) => setTimeout(() => settle(code), 2000));
  });
}

/** Children of `pid` (from /proc), so that a timed-out run also ends the kernel it started. */
function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

/** Kills `pid`, its process group and, depth first, every descendant (the kernel has its own session). */
function killTree(pid) {
  const kill = (p) => {
    for (const c of childrenOf(p)) kill(c);
    try {
      process.kill(p, "SIGKILL");
    } catch {}
  };
  kill(pid);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {}
}

const indent = (s) => s.split("\n").map((l) => "    " + l).join("\n");

// 4. Course checks registered by other parts (exercises in sync, grader, browser): scripts/checks/*.mjs,
//    each a script that exits 0 when the check passes.
function runChecks() {
  const checks = walk(path.join(ROOT, "scripts", "checks"), (f) => f.endsWith(".mjs")).sort();
  if (checks.length === 0) return;
  console.log(`\n== Comprobaciones del curso (${checks.length}) ==`);
  for (const file of checks) {
    const r = timed(process.execPath, [file]);
    record("checks", path.relative(ROOT, file), r.status === 0, r.seconds);
    console.log(`${r.status === 0 ? "✓" : "✗"} ${path.relative(ROOT, file)}  ${r.seconds.toFixed(1)} s`);
  }
}

function finish() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  console.log("\n== Resumen ==");
  for (const stage of ["typecheck", "unit", "notebooks", "checks"]) {
    const rs = results.filter((r) => r.stage === stage);
    if (rs.length === 0) continue;
    const secs = rs.reduce((a, r) => a + r.seconds, 0);
    console.log(`${stage}: ${rs.filter((r) => r.ok).length}/${rs.length} bien${secs ? `, ${secs.toFixed(1)} s` : ""}`);
  }
  for (const f of failed) console.log(`FALLÓ [${f.stage}] ${f.name}`);
  console.log(`${passed} passed, ${failed.length} failed`);
  process.exit(failed.length === 0 && passed > 0 ? 0 : 1);
}

if (wants("notebooks")) await runNotebooks();
if (wants("checks")) runChecks();
finish();
