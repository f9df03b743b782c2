// `npm run bench`: atencion against PyTorch, side by side, on this machine.
//
//   npm run bench                               every case, every installed backend, PyTorch with 1 and 2 threads
//   npm run bench -- --quick                    few repetitions (to try the harness; numbers are rough)
//   npm run bench -- --backends wasm            only these TensorFlow.js backends
//   npm run bench -- --cases mha,train          only the cases whose id starts with one of these
//   npm run bench -- --torch-threads 1          PyTorch thread counts (default 1,2); --no-torch skips it
//   npm run bench -- --lib antes=build/base-dist --lib después=lib/dist
//                                               time several compiled versions of atencion in one run
//   npm run bench -- --rounds 3                 repeat everything, interleaved, and pool the runs
//   npm run bench -- --backend-cases cpu=train,generate --backend-cases antes·cpu=none
//                                               run a backend (or one version's backend) only on the
//                                               cases with these prefixes ("none": on no case)
//   npm run bench -- --out file.json            where to write the JSON (default bench/results/<date>.json)
//
// Each case runs in a fresh process per backend (bench/worker.mjs) and per PyTorch thread count
// (bench/torch_reference.py), so that peak memory belongs to that case alone. Prints the table of
// medians and ratios (atencion / PyTorch: above 1 means slower than PyTorch) and writes the JSON
// described in bench/README.md, plus a copy at bench/results/latest.json.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { optionValue, optionValues } from "../scripts/lib/args.mjs";
import { CASES, repetitionPlan, tokensPerRep } from "./cases.mjs";
import { memoryTable, ratios, SCHEMA, summarize, timesTable, validateDoc } from "./report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");
const args = process.argv.slice(2);
const valueOf = (flag) => optionValue(args, flag);
const valuesOf = (flag) => optionValues(args, flag);
const quick = args.includes("--quick");
const plan = repetitionPlan(quick);
const rounds = Number(valueOf("--rounds") ?? 1);
const PROCESS_LIMIT_MS = 15 * 60 * 1000;

const require = createRequire(import.meta.url);
const libs = (valuesOf("--lib").length > 0 ? valuesOf("--lib") : [`atencion=${path.join(root, "lib", "dist")}`]).map((spec) => {
  const [label, dir] = spec.includes("=") ? spec.split("=") : ["atencion", spec];
  return { label, dir: path.resolve(dir) };
});
const lib = require(path.join(libs[libs.length - 1].dir, "index.js"));
const backends = valueOf("--backends")?.split(",") ?? lib.availableBackends();
const casePrefixes = valueOf("--cases")?.split(",");
const cases = CASES.filter((c) => casePrefixes === undefined || casePrefixes.some((p) => c.id.startsWith(p)));
/** "backend" or "label·backend" → case-id prefixes it is limited to (`--backend-cases cpu=sdpa/curso,train`). */
const backendCases = new Map(valuesOf("--backend-cases").map((spec) => [spec.split("=")[0], spec.split("=")[1].split(",")]));
const runsOn = (label, backend, c) => {
  const prefixes = backendCases.get(`${label}·${backend}`) ?? backendCases.get(backend);
  return prefixes === undefined || prefixes.some((p) => p !== "none" && c.id.startsWith(p));
};
const torchThreads = args.includes("--no-torch") ? [] : (valueOf("--torch-threads") ?? "1,2").split(",").map(Number);
const python = valueOf("--python") ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
const notices = [];

/** Runs a command; resolves with the JSON object on the last line of its stdout, or an error. A process killed from outside (no exit code) is run once more. */
async function runJson(cmd, argv, env) {
  const first = await runJsonOnce(cmd, argv, env);
  return first.killed ? runJsonOnce(cmd, argv, env) : first;
}

function runJsonOnce(cmd, argv, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), PROCESS_LIMIT_MS);
    child.on("error", (e) => resolve({ error: e.message }));
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(last));
      } catch {
        const killed = code === null ? { killed: true } : {};
        resolve({ error: `código ${code}: ${(err || out).trim().split("\n").slice(-3).join(" | ")}`, ...killed });
      }
    });
  });
}

function git(...argv) {
  try {
    return execFileSync("git", argv, { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

const started = new Date();
const machine = {
  cpuModel: os.cpus()[0]?.model ?? "desconocido",
  cpus: os.cpus().length,
  memoryBytes: os.totalmem(),
  platform: `${os.platform()} ${os.release()}`,
  loadAvgStart: os.loadavg(),
};
console.log(
  `atencion frente a PyTorch · ${machine.cpus} × ${machine.cpuModel} · carga ${machine.loadAvgStart.map((x) => x.toFixed(2)).join(" ")}` +
    ` · ${quick ? "rápido (--quick)" : "completo"} · ${rounds} ronda(s)`,
);
console.log(`backends: ${backends.join(", ")} · PyTorch: ${torchThreads.length ? torchThreads.map((t) => `${t} hilo(s)`).join(", ") : "no"} · ${cases.length} casos\n`);

const pooled = new Map(); // `${case}|${series key}` → result with every run pooled
function pool(key, r) {
  const prev = pooled.get(key);
  if (prev === undefined || prev.error !== undefined) return pooled.set(key, r);
  if (r.error !== undefined) return;
  prev.runsMs.push(...r.runsMs);
  prev.cpuMs?.push(...(r.cpuMs ?? []));
  for (const k of Object.keys(prev.memory)) {
    if (typeof r.memory[k] === "number") prev.memory[k] = Math.max(prev.memory[k] ?? 0, r.memory[k]);
  }
  prev.leakedTensors = Math.max(prev.leakedTensors ?? 0, r.leakedTensors ?? 0);
}

for (const [backend, prefixes] of backendCases) notices.push(`${backend}: solo los casos ${prefixes.join(", ")} (--backend-cases)`);
let torchSkipped = false;
for (let round = 0; round < rounds; round++) {
  for (const c of cases) {
    for (const { label, dir } of libs) {
      for (const backend of backends.filter((b) => runsOn(label, b, c))) {
        const r = await runJson(process.execPath, [path.join(here, "worker.mjs"), "--case", c.id, "--lib", dir, ...(quick ? ["--quick"] : [])], {
          ATENCION_BACKEND: backend,
        });
        r.label = label;
        Object.assign(r, { case: c.id, impl: "atencion", backend, threads: r.threads ?? 1 });
        pool(`${c.id}|${label}|${backend}`, r);
        process.stdout.write(r.error ? `  ${c.id} ${label}/${backend}: ERROR ${r.error}\n` : `  ${c.id} ${label}/${backend}: ${r.runsMs.length} repeticiones\n`);
      }
    }
    for (const threads of torchSkipped ? [] : torchThreads) {
      const threadEnv = { OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) };
      const r = await runJson(python, [path.join(here, "torch_reference.py"), "--case-json", JSON.stringify(c), "--plan-json", JSON.stringify(plan), "--threads", String(threads)], threadEnv);
      if (r.skipped !== undefined) {
        torchSkipped = true;
        notices.push(`PyTorch omitido: ${r.skipped}`);
        console.log(`  aviso: ${r.skipped}; sigo sin PyTorch`);
        break;
      }
      Object.assign(r, { case: c.id, impl: "pytorch", backend: "torch", threads: r.threads ?? threads });
      pool(`${c.id}|torch|${threads}`, r);
      process.stdout.write(r.error ? `  ${c.id} torch/${threads}h: ERROR ${r.error}\n` : `  ${c.id} torch/${threads}h: ${r.runsMs.length} repeticiones\n`);
    }
  }
}

const results = [...pooled.values()].map((r) => {
  if (r.error !== undefined) return r;
  const c = cases.find((x) => x.id === r.case);
  return summarize(r, c, tokensPerRep(c));
});
const torchInfo = results.find((r) => r.impl === "pytorch" && r.version !== undefined);
const leaks = results.filter((r) => (r.leakedTensors ?? 0) !== 0);
for (const r of leaks) notices.push(`${r.case} (${r.label}/${r.backend}): ${r.leakedTensors} tensores sin liberar tras las repeticiones`);
for (const r of results.filter((x) => x.error !== undefined)) notices.push(`${r.case} (${r.impl}/${r.backend}): ${r.error}`);

const doc = {
  schema: SCHEMA,
  date: started.toISOString(),
  machine: { ...machine, loadAvgEnd: os.loadavg(), uptime: os.uptime() },
  software: {
    node: process.version,
    tfjs: lib.tf.version?.tfjs ?? null,
    atencion: { version: require(path.join(root, "lib", "package.json")).version, commit: git("rev-parse", "HEAD") ?? null, dirty: (git("status", "--porcelain", "lib") ?? "") !== "" },
    libs,
    python: torchInfo?.python ?? null,
    torch: torchInfo?.version ?? null,
  },
  options: { quick, plan, cpuPlan: repetitionPlan(quick, "cpu"), rounds, backends, backendCases: Object.fromEntries(backendCases), torchThreads, cases: cases.map((c) => c.id) },
  cases,
  results,
  ratios: ratios(results),
  notices,
};
const problems = validateDoc(doc);
if (problems.length > 0) notices.push(`el JSON no cumple el esquema: ${problems.join("; ")}`);

console.log(`\nMedianas (ms: menos es mejor; tokens/s: más es mejor). Cocientes atencion/PyTorch: >1 = más lento que PyTorch.\n`);
console.log(timesTable(doc));
console.log(`\nLo mismo en tiempo de CPU del proceso (menos sensible a la carga de la máquina; con 2 hilos PyTorch suma ambos):\n`);
console.log(timesTable(doc, "cpu"));
console.log(`\nMemoria máxima por caso (un proceso por caso):\n`);
console.log(memoryTable(doc));
if (notices.length > 0) console.log(`\nAvisos:\n${notices.map((n) => `  - ${n}`).join("\n")}`);

const day = started.toISOString().slice(0, 10);
const out = path.resolve(valueOf("--out") ?? (quick ? path.join(root, "build", "bench-quick.json") : path.join(here, "results", `${day}.json`)));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
if (!quick && valueOf("--out") === undefined) writeFileSync(path.join(here, "results", "latest.json"), `${JSON.stringify(doc, null, 1)}\n`);
console.log(`\nResultados en ${path.relative(process.cwd(), out)}${!quick && valueOf("--out") === undefined ? " (y bench/results/latest.json)" : ""}; carga al terminar ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
