// `npm start`: open the course at notebooks/ in JupyterLab if installed, else the classic Notebook.
// Extra arguments go to Jupyter (e.g. `npm start -- --no-browser --port 8899`).
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, findPython, jupyterEnv, writeLocalKernelSpec } from "./lib/jupyter.mjs";

writeLocalKernelSpec();
const notebooks = path.join(ROOT, "notebooks");
const extra = process.argv.slice(2);
const forced = process.env.ATENCION_JUPYTER; // "lab" | "notebook"

let python;
let args;
if (forced !== "notebook" && (python = findPython(["jupyterlab"]))) {
  args = ["-m", "jupyterlab", `--ServerApp.root_dir=${notebooks}`];
} else if (forced !== "lab" && (python = findPython(["notebook"]))) {
  args = ["-m", "notebook", `--notebook-dir=${notebooks}`];
} else {
  console.error(`No encontré JupyterLab ni Jupyter Notebook. Instala uno de ellos:
  - pip:    python3 -m pip install jupyterlab
  - conda:  conda install -c conda-forge jupyterlab
  - Debian/Ubuntu: sudo apt-get install jupyter-notebook
y vuelve a ejecutar \`npm install\` y \`npm start\`.`);
  process.exit(1);
}
// Jupyter refuses to run as root without this flag (containers, CI).
if (process.getuid?.() === 0) args.push("--allow-root");
console.log(`atencion: abriendo ${notebooks} con ${python} ${args[1]}`);
const child = spawn(python, [...args, ...extra], { cwd: notebooks, env: jupyterEnv(), stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
