// `npm install` runs this: build `atencion`, then register the tslab kernel with Jupyter.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT, KERNEL_NAME, findPython, writeLocalKernelSpec, hasTslab } from "./lib/jupyter.mjs";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log("atencion: compilando la biblioteca (lib/ → lib/dist/)…");
run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "lib"]);

if (!hasTslab()) {
  console.log("atencion: tslab no está en node_modules; ejecuta `npm install` de nuevo.");
  process.exit(0);
}
const specDir = writeLocalKernelSpec();

const python = findPython(["jupyter_client"]);
if (python === undefined) {
  console.log(`
atencion: no encontré Jupyter en este equipo. La biblioteca está lista; para abrir el curso instala
JupyterLab con una de estas opciones y luego ejecuta \`npm install\` otra vez (registra el kernel):
  - pip:    python3 -m pip install jupyterlab
  - conda:  conda install -c conda-forge jupyterlab
  - Debian/Ubuntu: sudo apt-get install jupyter-notebook python3-nbclient python3-nbconvert
`);
  process.exit(0);
}
const install = spawnSync(
  python,
  [
    "-c",
    "import sys; from jupyter_client.kernelspec import KernelSpecManager as M; " +
      "print(M().install_kernel_spec(sys.argv[1], sys.argv[2], user=True, replace=True))",
    specDir,
    KERNEL_NAME,
  ],
  { encoding: "utf8" },
);
if (install.status === 0) {
  console.log(`atencion: kernel '${KERNEL_NAME}' (TypeScript, tslab del proyecto) registrado en ${install.stdout.trim()}`);
} else {
  console.log(`atencion: no pude registrar el kernel en Jupyter (${python}):\n${install.stderr}`);
  console.log("atencion: `npm start` y `npm test` usan igualmente el kernel de .jupyter/.");
}
