// Check: `npm start` serves the course. Starts it without a browser on a free port, asks the
// Jupyter server for the notebooks folder and the tslab kernelspec, then stops it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "../lib/jupyter.mjs";

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const token = "atencion-check";
const child = spawn(
  process.execPath,
  [path.join(ROOT, "scripts", "start.mjs"), "--no-browser", `--port=${port}`, "--ip=127.0.0.1",
   `--NotebookApp.token=${token}`, `--ServerApp.token=${token}`],
  { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true },
);
let log = "";
child.stdout.on("data", (d) => (log += d));
child.stderr.on("data", (d) => (log += d));

const stop = () => {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
};
async function get(url) {
  const r = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { Authorization: `token ${token}` } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

let ok = false;
const deadline = Date.now() + 60_000;
while (Date.now() < deadline && !ok) {
  await new Promise((r) => setTimeout(r, 500));
  try {
    const contents = await get("/api/contents");
    const specs = await get("/api/kernelspecs");
    const names = contents.content.map((c) => c.name);
    if (!names.includes("00-bienvenida.ipynb")) throw new Error(`no veo las lecciones: ${names.join(", ")}`);
    const spec = specs.kernelspecs.tslab?.spec;
    if (!spec) throw new Error("el servidor no conoce el kernel tslab");
    if (!spec.argv[1].startsWith(ROOT)) throw new Error(`el kernel tslab no es el de este proyecto: ${spec.argv[1]}`);
    console.log(`npm start sirve ${names.length} entradas de notebooks/ y el kernel '${spec.display_name}'`);
    ok = true;
  } catch (e) {
    if (Date.now() >= deadline) console.error(String(e));
  }
}
stop();
if (!ok) console.error(log.slice(-3000));
process.exit(ok ? 0 : 1);
