// The pure parts of the benchmark: summarising runs, ratios against PyTorch, the printed tables and
// the JSON document (its schema is documented in bench/README.md). No tensors, no processes: the
// unit tests (bench/report.test.mjs) check everything here.

/** Version of the JSON format; bump it on any incompatible change (and say so in bench/README.md). */
export const SCHEMA = "atencion-bench/1";

/** Median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) throw new Error("median: lista vacía");
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Adds `medianMs`, `medianCpuMs` (the process's CPU time, when measured), `value` (in the case's
 * unit: ms, or tokens/s from the median wall-clock time) and `unit` to a raw result from a worker.
 */
export function summarize(result, c, tokens) {
  const medianMs = median(result.runsMs);
  const value = c.unit === "ms" ? medianMs : tokens / (medianMs / 1000);
  const cpu = result.cpuMs?.length > 0 ? { medianCpuMs: median(result.cpuMs) } : {};
  return { ...result, medianMs, ...cpu, value, unit: c.unit };
}

/** The series label of a result: "wasm", "cpu", "antes·wasm", "torch·1h", … */
export function seriesOf(r) {
  if (r.impl === "pytorch") return `torch·${r.threads}h`;
  return r.label === undefined || r.label === "atencion" ? r.backend : `${r.label}·${r.backend}`;
}

/**
 * Ratios atencion / PyTorch for every case, atencion series and PyTorch thread count: the time
 * of atencion divided by PyTorch's (for tokens/s: PyTorch's rate divided by atencion's, the same
 * thing). 1 means as fast; 3 means three times slower. `ratio` uses wall-clock medians,
 * `cpuRatio` (when both sides measured it) the medians of CPU time.
 */
export function ratios(results) {
  const out = [];
  const cases = [...new Set(results.map((r) => r.case))];
  for (const id of cases) {
    const here = results.filter((r) => r.case === id && r.medianMs !== undefined);
    const torch = here.filter((r) => r.impl === "pytorch");
    for (const a of here.filter((r) => r.impl === "atencion")) {
      for (const t of torch) {
        const cpuRatio = a.medianCpuMs !== undefined && t.medianCpuMs !== undefined ? { cpuRatio: a.medianCpuMs / t.medianCpuMs } : {};
        out.push({ case: id, series: seriesOf(a), versus: seriesOf(t), ratio: a.medianMs / t.medianMs, ...cpuRatio });
      }
    }
  }
  return out;
}

const fmtValue = (v, unit) => {
  if (v === undefined || v === null || !Number.isFinite(v)) return "—";
  if (unit === "tokens/s") return v >= 100 ? v.toFixed(0) : v.toFixed(1);
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
};
const fmtRatio = (r) => (r === undefined || !Number.isFinite(r) ? "—" : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`);
const fmtMB = (b) => (b === undefined || b === null ? "—" : (b / 2 ** 20).toFixed(0));

/** Lays out rows of cells as a plain-text table with aligned columns (first column left-aligned). */
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * The side-by-side table: one row per case, a column per series, then the ratios. `clock` "wall"
 * (default) shows wall-clock medians; "cpu" shows medians of the process's CPU time, in ms for
 * every case (with several PyTorch threads it adds up the time of each thread).
 */
export function timesTable(doc, clock = "wall") {
  const cpu = clock === "cpu";
  const results = cpu ? doc.results.filter((r) => r.medianCpuMs !== undefined) : doc.results;
  const found = [...new Set(results.filter((r) => r.medianMs !== undefined).map(seriesOf))];
  const ours = found.filter((s) => !s.startsWith("torch·"));
  const theirs = found.filter((s) => s.startsWith("torch·")).sort();
  const series = [...ours, ...theirs];
  const all = ratios(doc.results);
  const header = ["caso", "unidad", ...series, ...ours.flatMap((a) => theirs.map((t) => `${a}/${t}`))];
  const rows = doc.cases
    .filter((c) => results.some((r) => r.case === c.id))
    .map((c) => {
      const bySeries = (s) => results.find((r) => r.case === c.id && seriesOf(r) === s);
      const ratioOf = (a, t) => all.find((x) => x.case === c.id && x.series === a && x.versus === t)?.[cpu ? "cpuRatio" : "ratio"];
      return [
        c.id,
        cpu ? "ms CPU" : c.unit,
        ...series.map((s) => (cpu ? fmtValue(bySeries(s)?.medianCpuMs, "ms") : fmtValue(bySeries(s)?.value, c.unit))),
        ...ours.flatMap((a) => theirs.map((t) => fmtRatio(ratioOf(a, t)))),
      ];
    });
  return formatTable(header, rows);
}

/** Peak memory per case and series, in MiB. */
export function memoryTable(doc) {
  const rows = doc.results
    .filter((r) => r.memory !== undefined)
    .map((r) => [r.case, seriesOf(r), fmtMB(r.memory.peakTensorBytes), fmtMB(r.memory.wasmHeapBytes), fmtMB(r.memory.rssBaselineBytes), fmtMB(r.memory.maxRssBytes)]);
  return formatTable(["caso", "serie", "pico tensores MiB", "heap wasm MiB", "RSS inicial MiB", "RSS máx MiB"], rows);
}

/** Checks a results document against the schema; returns a list of problems (empty when valid). */
export function validateDoc(doc) {
  const problems = [];
  const need = (cond, what) => {
    if (!cond) problems.push(what);
  };
  need(doc !== null && typeof doc === "object", "el documento no es un objeto");
  if (problems.length > 0) return problems;
  need(doc.schema === SCHEMA, `schema debe ser "${SCHEMA}"`);
  need(typeof doc.date === "string" && !Number.isNaN(Date.parse(doc.date)), "date debe ser una fecha ISO");
  need(doc.machine && typeof doc.machine.cpus === "number" && typeof doc.machine.cpuModel === "string", "machine.{cpus, cpuModel}");
  need(doc.software && typeof doc.software.node === "string", "software.node");
  need(doc.options && typeof doc.options.quick === "boolean", "options.quick");
  need(Array.isArray(doc.cases) && doc.cases.every((c) => typeof c.id === "string" && ["ms", "tokens/s"].includes(c.unit)), "cases[].{id, unit}");
  need(Array.isArray(doc.results), "results debe ser una lista");
  need(Array.isArray(doc.notices), "notices debe ser una lista");
  for (const [i, r] of (Array.isArray(doc.results) ? doc.results : []).entries()) {
    const where = `results[${i}]`;
    need(typeof r.case === "string", `${where}.case`);
    need(r.impl === "atencion" || r.impl === "pytorch", `${where}.impl debe ser "atencion" o "pytorch"`);
    need(typeof r.backend === "string", `${where}.backend`);
    need(Number.isInteger(r.threads) && r.threads >= 1, `${where}.threads`);
    if (r.error !== undefined) continue; // a failed measurement carries its error and no numbers
    need(Array.isArray(r.runsMs) && r.runsMs.length > 0 && r.runsMs.every((x) => typeof x === "number"), `${where}.runsMs`);
    need(typeof r.medianMs === "number" && typeof r.value === "number", `${where}.{medianMs, value}`);
    need(r.memory && "maxRssBytes" in r.memory && "peakTensorBytes" in r.memory, `${where}.memory`);
  }
  return problems;
}
