// Finding Jupyter and the course's tslab kernel, shared by setup, start and test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Project-local Jupyter data folder holding the kernelspec of this checkout (git-ignored). */
export const LOCAL_JUPYTER = path.join(ROOT, ".jupyter");
export const KERNEL_NAME = "tslab";

/** Pythons to try, in order: an explicit one, Debian's system Python, then whatever is on PATH. */
function pythonCandidates() {
  const list = [];
  if (process.env.ATENCION_PYTHON) list.push(process.env.ATENCION_PYTHON);
  list.push("/usr/bin/python3", "python3", "python");
  return [...new Set(list)];
}

/** Returns the first Python that can import all `modules`, or undefined. */
export function findPython(modules) {
  for (const py of pythonCandidates()) {
    const r = spawnSync(py, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore" });
    if (r.status === 0) return py;
  }
  return undefined;
}

/** The kernelspec that runs this checkout's own tslab (no global install needed). */
export function kernelSpec() {
  const tslab = path.join(ROOT, "node_modules", "tslab", "bin", "tslab");
  return {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (Atención)",
    language: "typescript",
    metadata: { atencion: { root: ROOT } },
  };
}

/** Writes the kernelspec into .jupyter/kernels/tslab and returns its folder. */
export function writeLocalKernelSpec() {
  const dir = path.join(LOCAL_JUPYTER, "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return dir;
}

/** Environment in which Jupyter finds this checkout's kernelspec before any other. */
export function jupyterEnv(extra = {}) {
  const sep = path.delimiter;
  const prev = process.env.JUPYTER_PATH;
  return { ...process.env, JUPYTER_PATH: prev ? `${LOCAL_JUPYTER}${sep}${prev}` : LOCAL_JUPYTER, ...extra };
}

export function hasTslab() {
  return existsSync(path.join(ROOT, "node_modules", "tslab", "bin", "tslab"));
}
