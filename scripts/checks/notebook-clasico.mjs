// Classic Notebook check (issue 5): the pictures render live in Jupyter Notebook 6 (Debian's
// jupyter-notebook, which has require.js on the page), and again when the saved notebook is reopened.
//
// Starts a private notebook server (temporary Jupyter data/config folders, random token, localhost),
// opens a copy of the gallery in headless Chromium, runs every cell through the tslab kernel, and
// asserts that each plotly figure drew its `.main-svg`, the explorer answers to hover, and the
// console has no errors. Then it saves, shuts the kernel down, reloads the page and asserts that the
// figures draw again from the saved (trusted) outputs. Finally it tampers with the file so that
// Jupyter no longer trusts it and asserts that each figure then says why it is not drawn.
// Screenshots go to artifacts/screenshots/clasico-*.png. Exit code 0 when every assertion holds.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ROOT, findPython, jupyterEnv, writeLocalKernelSpec } from "../lib/jupyter.mjs";
import { CHROMIUM, checklist, launchChromium } from "../lib/chromium.mjs";

const FIXTURE = path.join(ROOT, "scripts", "checks", "fixtures", "galeria-graficos.ipynb");
const WORK = path.join(ROOT, "build", "clasico");
const SHOTS = path.join(ROOT, "artifacts", "screenshots");
const FIGURES = 9;
const { check, finish } = checklist();
const python = findPython(["notebook"]);
if (!check(python !== undefined, "Jupyter Notebook clásico instalado", "instala jupyter-notebook (.ci/run lo hace)") || !check(existsSync(CHROMIUM), `Chromium en ${CHROMIUM}`)) {
  finish("notebook clásico");
}

mkdirSync(WORK, { recursive: true });
mkdirSync(SHOTS, { recursive: true });
const notebook = path.join(WORK, "galeria-graficos.ipynb");
copyFileSync(FIXTURE, notebook);
writeLocalKernelSpec();

// A private server: its own data/config/runtime folders, so nothing touches the user's Jupyter.
const scratch = mkdtempSync(path.join(os.tmpdir(), "atencion-clasico-"));
const token = randomBytes(12).toString("hex");
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(
  python,
  ["-m", "notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`, `--NotebookApp.notebook_dir=${ROOT}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])],
  {
    cwd: ROOT,
    env: jupyterEnv({ JUPYTER_DATA_DIR: path.join(scratch, "data"), JUPYTER_CONFIG_DIR: path.join(scratch, "config"), JUPYTER_RUNTIME_DIR: path.join(scratch, "runtime") }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  },
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));
const base = `http://127.0.0.1:${port}`;
const stopServer = () => {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
};

async function waitForServer() {
  for (let i = 0; i < 100 && server.exitCode === null; i++) {
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

let browser;
try {
  if (!check(await waitForServer(), `servidor del Notebook en ${base}`, serverLog.slice(-2000))) throw new Error("sin servidor");
  browser = await launchChromium();
  const { context } = browser;
  const blocked = [];
  const consoleErrors = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || /^(data|blob|ws):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // The classic Notebook page itself (MathJax 2's font check) logs a CORS error for a font at
  // about:blank, with or without our outputs (seen on a lesson without outputs): not ours, ignored.
  const fromNotebookItself = (msg) => msg.location().url === "about:blank" || msg.text().includes("font at 'about:blank'");
  page.on("console", (msg) => msg.type() === "error" && !fromNotebookItself(msg) && consoleErrors.push(msg.text()));
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  const url = `${base}/notebooks/${path.relative(ROOT, notebook)}?token=${token}`;
  const kernelReady = () =>
    page.waitForFunction(() => { const k = window.Jupyter?.notebook?.kernel; return Boolean(k && k.is_connected() && k.info_reply && k.info_reply.implementation); }, null, { timeout: 60_000 });
  const plotsDrawn = () =>
    page.evaluate(() => [...document.querySelectorAll(".atencion-plot")].filter((p) => p.querySelector(".main-svg")).length);

  // 1. Run everything live.
  await page.goto(url, { waitUntil: "load" });
  await kernelReady();
  await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
  const finished = await page
    .waitForFunction(
      () => {
        const cells = window.Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
        return cells.every((c) => typeof c.input_prompt_number === "number") && !window.Jupyter.notebook.kernel_busy;
      },
      null,
      { timeout: 120_000 },
    )
    .then(() => true)
    .catch(() => false);
  const errors = await page.evaluate(() => [...document.querySelectorAll(".output_stderr, .output_error")].map((e) => e.textContent.slice(0, 300)));
  check(finished && errors.length === 0, "todas las celdas se ejecutan en el Notebook clásico", errors.join("\n    "));
  await page.waitForFunction((n) => document.querySelectorAll(".atencion-plot .main-svg").length >= 3 * n, FIGURES, { timeout: 30_000 }).catch(() => {});
  check((await plotsDrawn()) === FIGURES, `en vivo: las ${FIGURES} figuras se dibujan (text/html con plotly.js local; ${await plotsDrawn()})`);
  const explorer = page.locator(".atencion-explorer").first();
  await explorer.locator('.atn-q[data-idx="1"]').hover();
  const readout = await explorer.locator(".atn-readout").textContent();
  check(readout.startsWith("«perro» atiende"), `el explorador responde al ratón (${readout})`);
  const latex = await page
    .waitForFunction(() => document.querySelectorAll(".output_latex .MathJax_Display, .output_latex .MathJax_CHTML").length > 0, null, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  check(latex, "MathJax compone la salida text/latex");
  await page.screenshot({ path: path.join(SHOTS, "clasico-en-vivo.png"), fullPage: false });
  await page.locator(".atencion-plot").nth(1).screenshot({ path: path.join(SHOTS, "clasico-atencion.png") });

  // 2. Save, shut the kernel down, reopen: the saved outputs are trusted (signed when saved).
  await page.evaluate(() => window.Jupyter.notebook.save_notebook());
  await page.waitForFunction(() => !window.Jupyter.notebook.dirty, null, { timeout: 30_000 });
  await page.evaluate(() => window.Jupyter.notebook.kernel.kill());
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction((n) => document.querySelectorAll(".atencion-plot .main-svg").length >= 3 * n, FIGURES, { timeout: 30_000 }).catch(() => {});
  check((await plotsDrawn()) === FIGURES, `al reabrir el cuaderno guardado (de confianza), las ${FIGURES} figuras se dibujan de nuevo (${await plotsDrawn()})`);
  await page.screenshot({ path: path.join(SHOTS, "clasico-reabierto.png"), fullPage: false });
  check(blocked.length === 0, "el Notebook clásico no pidió nada fuera de localhost", blocked.slice(0, 10).join("\n    "));
  check(consoleErrors.length === 0, "sin errores en la consola", consoleErrors.slice(0, 10).join("\n    "));

  // 3. Not trusted any more (the file changed outside Jupyter): scripts do not run; the notes say why.
  await page.evaluate(() => window.Jupyter.notebook.kernel?.kill?.());
  const nb = JSON.parse(readFileSync(notebook, "utf8"));
  nb.metadata.atencion = { ...nb.metadata.atencion, modificado: true };
  writeFileSync(notebook, JSON.stringify(nb, null, 1));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(3000);
  const untrusted = await page.evaluate(() => ({
    plots: [...document.querySelectorAll(".atencion-plot")].filter((p) => p.querySelector(".main-svg")).length,
    explorerLines: document.querySelectorAll(".atencion-explorer line").length,
    progress: document.querySelectorAll(".atencion-progress").length,
    notes: [...document.querySelectorAll(".output_html")].filter((o) => o.textContent.includes("no es de confianza")).length,
  }));
  console.log(`  (sin confianza: ${untrusted.plots} figuras dibujadas, explorador con ${untrusted.explorerLines} líneas, barra de progreso: ${untrusted.progress ? "sí" : "no"})`);
  check(untrusted.plots === 0 && untrusted.notes === FIGURES + 1, `sin confianza no corre ningún script, y las ${FIGURES} figuras y el explorador dicen por qué y qué hacer (${untrusted.notes} avisos)`);
  await page.screenshot({ path: path.join(SHOTS, "clasico-sin-confianza.png"), fullPage: false });
} catch (error) {
  check(false, "la comprobación terminó", String(error?.stack ?? error).slice(0, 2000));
} finally {
  await browser?.close();
  stopServer();
  rmSync(scratch, { recursive: true, force: true });
}
finish("notebook clásico");
