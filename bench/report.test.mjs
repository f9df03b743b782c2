// The pure parts of the benchmark: medians, ratios, tables and the JSON schema. No timing here.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readdirSync, readFileSync } from "node:fs";
import { CASES, repetitionPlan, tokensPerRep } from "./cases.mjs";
import { formatTable, median, memoryTable, ratios, SCHEMA, seriesOf, summarize, timesTable, validateDoc } from "./report.mjs";

const mhaCase = CASES.find((c) => c.id === "mha/curso/forward");
const trainCase = CASES.find((c) => c.id === "train/gpt-nano");
const memory = { peakTensorBytes: 2 * 2 ** 20, wasmHeapBytes: 16 * 2 ** 20, rssBaselineBytes: 100 * 2 ** 20, maxRssBytes: 150 * 2 ** 20 };

function sampleDoc() {
  const raw = [
    { case: mhaCase.id, impl: "atencion", label: "atencion", backend: "wasm", threads: 1, runsMs: [30, 10, 20], memory },
    { case: mhaCase.id, impl: "pytorch", backend: "torch", threads: 1, runsMs: [4, 5, 6], memory: { ...memory, peakTensorBytes: null, wasmHeapBytes: null } },
    { case: trainCase.id, impl: "atencion", label: "atencion", backend: "wasm", threads: 1, runsMs: [512, 512], memory },
    { case: trainCase.id, impl: "pytorch", backend: "torch", threads: 1, runsMs: [128], memory },
  ];
  const results = raw.map((r) => {
    const c = CASES.find((x) => x.id === r.case);
    return summarize(r, c, tokensPerRep(c));
  });
  return {
    schema: SCHEMA,
    date: "2025-01-02T03:04:05.000Z",
    machine: { cpuModel: "x", cpus: 2, memoryBytes: 1, platform: "linux", loadAvgStart: [0, 0, 0] },
    software: { node: "v20" },
    options: { quick: true },
    cases: [mhaCase, trainCase],
    results,
    ratios: ratios(results),
    notices: [],
  };
}

test("median of odd and even lists; empty list is an error", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /vacía/);
});

test("summarize: ms cases keep the median, tokens/s cases convert it", () => {
  const ms = summarize({ runsMs: [30, 10, 20] }, mhaCase);
  assert.equal(ms.medianMs, 20);
  assert.equal(ms.value, 20);
  assert.equal(ms.unit, "ms");
  const tps = summarize({ runsMs: [512, 512] }, trainCase, tokensPerRep(trainCase));
  assert.equal(tokensPerRep(trainCase), 16 * 64);
  assert.equal(tps.value, 1024 / 0.512); // 2000 tokens/s
  assert.equal(tps.unit, "tokens/s");
});

test("ratios are atencion time / PyTorch time, per case and series", () => {
  const doc = sampleDoc();
  assert.deepEqual(
    doc.ratios.map((r) => [r.case, r.series, r.versus, r.ratio]),
    [
      ["mha/curso/forward", "wasm", "torch·1h", 4], // 20 ms / 5 ms
      ["train/gpt-nano", "wasm", "torch·1h", 4], // 512 ms / 128 ms: 2000 against 8000 tokens/s
    ],
  );
  assert.equal(seriesOf({ impl: "atencion", label: "antes", backend: "cpu" }), "antes·cpu");
  assert.equal(seriesOf({ impl: "pytorch", threads: 2 }), "torch·2h");
});

test("formatTable aligns columns: first to the left, the rest to the right", () => {
  const text = formatTable(["a", "bb"], [["xyz", 1], ["w", 100]]);
  assert.equal(text, ["a     bb", "───  ───", "xyz    1", "w    100"].join("\n"));
});

test("the times table has a row per case, a column per series and the ratio columns", () => {
  const lines = timesTable(sampleDoc()).split("\n");
  assert.match(lines[0], /^caso\s+unidad\s+wasm\s+torch·1h\s+wasm\/torch·1h$/);
  assert.match(lines[2], /^mha\/curso\/forward\s+ms\s+20\.0\s+5\.00\s+4\.0×$/);
  assert.match(lines[3], /^train\/gpt-nano\s+tokens\/s\s+2000\s+8000\s+4\.0×$/);
  assert.equal(lines.length, 4);
});

test("the memory table reports MiB and a dash where a number does not apply", () => {
  const lines = memoryTable(sampleDoc()).split("\n");
  assert.match(lines[2], /^mha\/curso\/forward\s+wasm\s+2\s+16\s+100\s+150$/);
  assert.match(lines[3], /^mha\/curso\/forward\s+torch·1h\s+—\s+—\s+100\s+150$/);
});

test("validateDoc accepts a well-formed document and names what is wrong in a bad one", () => {
  assert.deepEqual(validateDoc(sampleDoc()), []);
  const bad = sampleDoc();
  bad.schema = "otro/9";
  delete bad.results[0].runsMs;
  bad.results[1].impl = "jax";
  const problems = validateDoc(bad);
  assert.ok(problems.some((p) => p.startsWith("schema")));
  assert.ok(problems.includes("results[0].runsMs"));
  assert.ok(problems.some((p) => p.startsWith("results[1].impl")));
  assert.deepEqual(validateDoc(null), ["el documento no es un objeto"]);
  // A failed measurement carries its error instead of numbers, and is still valid.
  const failed = sampleDoc();
  failed.results[0] = { case: mhaCase.id, impl: "atencion", backend: "cpu", threads: 1, error: "código 1" };
  assert.deepEqual(validateDoc(failed), []);
});

test("case ids are unique and the repetition plans are sane", () => {
  assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length);
  for (const quick of [true, false]) {
    const p = repetitionPlan(quick);
    assert.ok(p.warmup >= 1 && p.minRuns >= 3 && p.maxRuns >= p.minRuns && p.budgetS > 0);
  }
  for (const c of CASES) assert.equal(tokensPerRep(c) === undefined, c.unit === "ms", c.id);
});

test("the CPU-time table uses the CPU medians, in ms, and their ratios", () => {
  const doc = sampleDoc();
  doc.results[0] = summarize({ ...doc.results[0], cpuMs: [8, 9, 10] }, mhaCase);
  doc.results[1] = summarize({ ...doc.results[1], cpuMs: [3, 3, 3] }, mhaCase);
  doc.ratios = ratios(doc.results);
  assert.equal(doc.ratios[0].cpuRatio, 3);
  assert.equal(doc.ratios[1].cpuRatio, undefined); // not measured on that case
  const lines = timesTable(doc, "cpu").split("\n");
  assert.match(lines[2], /^mha\/curso\/forward\s+ms CPU\s+9\.00\s+3\.00\s+3\.0×$/);
  assert.equal(lines.length, 3); // only the case with CPU times
});

test("the committed results in bench/results follow the schema, so later runs can be compared with them", () => {
  const dir = new URL("./results/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  assert.ok(files.length > 0, "bench/results has at least one run");
  for (const f of files) {
    const doc = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    assert.deepEqual(validateDoc(doc), [], f);
    assert.ok(doc.results.some((r) => r.impl === "atencion") && doc.ratios.length > 0, `${f}: atencion measured, with ratios`);
  }
});
