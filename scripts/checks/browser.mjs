// Browser check (issue 5): the notebook pictures render in a real browser, with no network.
//
// 1. Executes scripts/checks/fixtures/galeria-graficos.ipynb through the tslab kernel (nbclient),
//    and checks the MIME bundles it produced (plotly JSON + HTML + text; plotly.js inlined once).
// 2. Exports it with `jupyter nbconvert --to html`, MathJax and require.js from Debian's local copies.
// 3. Opens the page in headless Chromium (/usr/bin/chromium, fresh profile, every request that is not
//    file:/data:/blob: blocked and reported), and asserts: each plot has plotly's `.main-svg`, the
//    LaTeX was typeset, the attention explorer reacts to hover and to the layer selector, the progress
//    bar reached 100 %, and the console has no errors. It also inserts figure outputs into a blank
//    page the way JupyterLab renders trusted / untrusted HTML. Screenshots go to artifacts/screenshots/.
//
// Exit code 0 when every assertion holds. Run alone with `node scripts/checks/browser.mjs`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, findPython, jupyterEnv, writeLocalKernelSpec } from "../lib/jupyter.mjs";
import { CHROMIUM, checklist, launchChromium } from "../lib/chromium.mjs";

const FIXTURE = path.join(ROOT, "scripts", "checks", "fixtures", "galeria-graficos.ipynb");
const OUT = path.join(ROOT, "build", "browser");
const SHOTS = path.join(ROOT, "artifacts", "screenshots");
const MATHJAX = "file:///usr/share/javascript/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe";
const REQUIREJS = "file:///usr/share/javascript/requirejs/require.min.js";
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const { check, finish: finishAs } = checklist();
const finish = () => finishAs("navegador");
const textOf = (v) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

// 0. What this needs.
const python = findPython(["nbclient", "nbconvert"]);
if (!check(python !== undefined, "Jupyter (nbclient y nbconvert) disponible", "instala python3-nbclient y python3-nbconvert (.ci/run lo hace)")) finish();
if (!check(existsSync(CHROMIUM), `Chromium en ${CHROMIUM}`, "instala el paquete chromium de Debian (.ci/run lo hace) o define ATENCION_CHROMIUM")) finish();
mkdirSync(OUT, { recursive: true });
mkdirSync(SHOTS, { recursive: true });

// 1. Execute the gallery through the real kernel.
writeLocalKernelSpec();
const executed = path.join(OUT, "galeria-graficos.ipynb");
const run = spawnSync(python, [path.join(ROOT, "scripts", "run_notebook.py"), FIXTURE, "--out", executed], {
  cwd: ROOT,
  env: jupyterEnv(),
  encoding: "utf8",
  timeout: 180_000,
});
const report = (() => {
  try {
    return JSON.parse(run.stdout.trim().split("\n").pop());
  } catch {
    return undefined;
  }
})();
if (!check(run.status === 0 && report?.ok, `la galería se ejecuta con el kernel tslab (${report?.seconds ?? "?"} s)`, JSON.stringify(report?.error ?? run.stderr).slice(0, 3000))) finish();

const nb = JSON.parse(readFileSync(executed, "utf8"));
const outputs = nb.cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs.filter((o) => o.data).map((o) => ({ id: c.id, data: o.data })));
const figures = outputs.filter((o) => o.data[PLOTLY_MIME]);
check(figures.length === 9, `9 figuras plotly en la salida (hay ${figures.length})`);
check(
  figures.every((o) => o.data["text/html"] && o.data["text/plain"]),
  "cada figura lleva application/vnd.plotly.v1+json, text/html y text/plain",
);
const withBundle = outputs.filter((o) => textOf(o.data["text/html"]).includes("(local, sin CDN)"));
check(withBundle.length === 1 && withBundle[0].id === "grafico-lineas", `plotly.js va incrustado una sola vez, en la primera figura (${withBundle.map((o) => o.id).join(", ")})`);
check(!outputs.some((o) => /<script[^>]+src=["']https?:/i.test(textOf(o.data["text/html"]))), "ninguna salida carga scripts de la red");
check(outputs.some((o) => textOf(o.data["text/latex"]).includes("\\frac{24}{7}")), "showLatex produce text/latex con fracciones exactas");

// 2. Export to HTML, with local MathJax and require.js.
const html = path.join(OUT, "galeria-graficos.html");
const conv = spawnSync(
  python,
  ["-m", "nbconvert", "--to", "html", executed, "--output-dir", OUT, "--output", "galeria-graficos", `--HTMLExporter.mathjax_url=${MATHJAX}`, `--HTMLExporter.require_js_url=${REQUIREJS}`],
  { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
);
if (!check(conv.status === 0 && existsSync(html), "nbconvert --to html", conv.stderr.slice(-2000))) finish();

// 3. Open it in headless Chromium, offline.
const { context, close } = await launchChromium();
try {
  const blocked = [];
  const consoleErrors = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  await page.goto(`file://${html}`, { waitUntil: "load", timeout: 60_000 });

  const expected = figures.length;
  const drawn = await page
    .waitForFunction(
      (n) => {
        const plots = [...document.querySelectorAll(".atencion-plot")];
        return plots.length === n && plots.every((p) => p.querySelector(".main-svg")) ? plots.length : false;
      },
      expected,
      { timeout: 30_000 },
    )
    .then((h) => h.jsonValue())
    .catch(() => 0);
  const counts = await page.evaluate(() => [...document.querySelectorAll(".atencion-plot")].map((p) => p.querySelectorAll(".main-svg").length));
  check(drawn === expected, `las ${expected} figuras tienen los .main-svg de plotly (por figura: ${counts.join(", ")})`);
  const heat = await page.evaluate(() => document.querySelectorAll(".atencion-plot .heatmaplayer image, .atencion-plot .hm image").length);
  check(heat >= 5, `los mapas de calor están pintados (${heat} imágenes de heatmap)`);
  const bars = await page.evaluate(() => document.querySelectorAll(".atencion-plot .barlayer .point").length);
  check(bars === 9, `el gráfico de barras tiene 9 barras (8 fichas + el resto): ${bars}`);

  // Hover over a cell of the cross-attention heatmap (4th figure): the label names both tokens.
  const cross = page.locator(".atencion-plot").nth(3);
  await cross.scrollIntoViewIfNeeded();
  const area = await cross.locator(".nsewdrag").first().boundingBox();
  await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.1);
  const hoverText = await page
    .waitForFunction(() => document.querySelector(".hoverlayer .hovertext")?.textContent, null, { timeout: 5_000 })
    .then((h) => h.jsonValue())
    .catch(() => "");
  check(/^consulta <s> → clave a\s*peso 0\.\d{3}$/.test(hoverText), `al pasar el ratón por una celda se leen las dos fichas y el peso («${hoverText}»)`);
  await page.screenshot({ path: path.join(SHOTS, "atencion-cruzada-hover.png"), clip: await cross.boundingBox() });
  await page.mouse.move(0, 0);

  const typeset = await page
    .waitForFunction(() => document.querySelectorAll(".MathJax_CHTML, .MathJax, mjx-container").length > 0, null, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  check(typeset, "MathJax (local) compuso la matriz LaTeX");

  // The attention explorer: hover a query token, then switch layer.
  const explorer = page.locator(".atencion-explorer").first();
  check((await explorer.count()) === 1, "el explorador de atención está en la página");
  await explorer.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, "explorador.png"), clip: await explorer.boundingBox() });
  await explorer.locator('.atn-q[data-idx="1"]').hover();
  const hover = await explorer.evaluate((root) => {
    const visible = [...root.querySelectorAll("g.atn-lines")].filter((g) => g.style.display !== "none");
    const lines = visible.flatMap((g) => [...g.querySelectorAll("line")].filter((l) => l.style.display !== "none"));
    return {
      groups: visible.length,
      lines: lines.length,
      onlyFocused: lines.every((l) => l.getAttribute("data-q") === "1"),
      readout: root.querySelector(".atn-readout").textContent,
      lit: [...root.querySelectorAll("rect.atn-bg-k")].filter((r) => Number(r.getAttribute("fill-opacity")) > 0).length,
    };
  });
  check(
    hover.groups === 3 && hover.lines > 0 && hover.onlyFocused && hover.readout.startsWith("«perro» atiende") && hover.lit > 0,
    `al pasar por «perro» solo quedan sus líneas (${hover.lines} en ${hover.groups} cabezas) y se lee: ${hover.readout}`,
  );
  await page.screenshot({ path: path.join(SHOTS, "explorador-hover.png"), clip: await explorer.boundingBox() });
  await explorer.locator("select.atn-layer").selectOption("2");
  await explorer.locator("select.atn-head").selectOption("1");
  const switched = await explorer.evaluate((root) =>
    [...root.querySelectorAll("g.atn-lines")].filter((g) => g.style.display !== "none").map((g) => `${g.dataset.layer}/${g.dataset.head}`),
  );
  check(switched.join() === "2/1", `al elegir capa 2, cabeza 1 solo se ve ese grupo (${switched.join()})`);

  const notes = await page.evaluate(() => document.querySelectorAll(".atencion-sin-js").length);
  check(notes === 0, `los scripts corrieron: no queda ningún aviso de «no es de confianza» (${notes})`);
  const bar = await page.evaluate(() => document.querySelector(".atencion-progress .atn-bar")?.style.width);
  check(parseFloat(bar) === 100, `la barra de progreso terminó al 100 % (${bar})`);

  // Screenshots: the whole page and each figure.
  const plots = page.locator(".atencion-plot");
  for (let i = 0; i < (await plots.count()); i++) {
    await plots.nth(i).screenshot({ path: path.join(SHOTS, `figura-${String(i + 1).padStart(2, "0")}.png`) });
  }
  const latex = page.locator(".MathJax_CHTML, .MathJax").first();
  if ((await latex.count()) > 0) await latex.screenshot({ path: path.join(SHOTS, "latex.png") });
  await page.locator(".atencion-progress").screenshot({ path: path.join(SHOTS, "progreso.png") });
  await page.screenshot({ path: path.join(SHOTS, "galeria.png"), fullPage: true });

  // JupyterLab without the plotly extension puts a trusted text/html output in the page with
  // innerHTML and then re-creates each <script> so that it runs (rendermime's renderHTML). Do the
  // same on a blank page with the first figure (which carries plotly.js) and a later one, each in
  // its own host; untrusted, it drops the scripts: then the note must show.
  const labPage = await context.newPage();
  labPage.on("console", (msg) => msg.type() === "error" && consoleErrors.push(`(simulación de JupyterLab) ${msg.text()}`));
  labPage.on("pageerror", (err) => consoleErrors.push(`(simulación de JupyterLab) ${err}`));
  await labPage.setContent("<!doctype html><html><body></body></html>");
  const lab = await labPage.evaluate(
    ([htmls, untrustedHtml]) => {
      for (const html of htmls) {
        const host = document.createElement("div");
        document.body.appendChild(host);
        host.innerHTML = html;
        for (const old of [...host.querySelectorAll("script")]) {
          const script = document.createElement("script");
          script.textContent = old.textContent;
          old.replaceWith(script);
        }
      }
      const untrusted = document.createElement("div");
      untrusted.innerHTML = untrustedHtml;
      untrusted.querySelectorAll("script").forEach((s) => s.remove());
      document.body.appendChild(untrusted);
      return new Promise((resolve) =>
        setTimeout(() => resolve({ drawn: [...document.querySelectorAll(".atencion-plot")].map((p) => p.querySelectorAll(".main-svg").length), note: untrusted.textContent }), 1500),
      );
    },
    [[textOf(figures[0].data["text/html"]), textOf(figures[1].data["text/html"])], textOf(figures[2].data["text/html"])],
  );
  check(
    lab.drawn.length === 3 && lab.drawn[0] > 0 && lab.drawn[1] > 0 && lab.drawn[2] === 0 && lab.note.includes("no es de confianza"),
    `a la manera de JupyterLab: con confianza se dibujan (${lab.drawn.slice(0, 2).join(", ")} .main-svg); sin ella, queda el aviso`,
  );
  await labPage.close();

  check(blocked.length === 0, "la página no pidió nada a la red", blocked.slice(0, 10).join("\n    "));
  check(consoleErrors.length === 0, "sin errores en la consola", consoleErrors.slice(0, 10).join("\n    "));
  console.log(`capturas en ${path.relative(ROOT, SHOTS)}/`);
} finally {
  await close();
}
finish();
