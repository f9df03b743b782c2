/**
 * Plotly figures in every front end, with no network (lesson 00; the scheme is explained in
 * docs/graficos.md).
 *
 * Each figure is sent as one output with three MIME types:
 * - `application/vnd.plotly.v1+json`: the figure itself, for JupyterLab with the plotly extension
 *   and for VS Code (its built-in notebook renderers);
 * - `text/html`: a `<div>` and a script that draws it with plotly.js, for the classic Notebook,
 *   JupyterLab without the extension and `jupyter nbconvert --to html`. The plotly.js bundle comes
 *   from the local `plotly.js-dist-min` package and travels inside the first figure of each kernel
 *   session (once per page); later figures wait for `window.Plotly`;
 * - `text/plain`: one line naming the figure, for everything else.
 */
import { readFileSync } from "node:fs";
import { displayBundle, escapeHtml, inNotebook, jsonForScript, MimeBundle } from "./display";

/** One plotly trace (`{ type: "heatmap", z, ... }`), as plotly.js takes it. */
export type Trace = { type: string } & Record<string, unknown>;
/** A plotly layout object. */
export type Layout = Record<string, unknown>;

/** A plotly figure spec: pure data, JSON-serialisable, the same object plotly.js draws (lesson 00). */
export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: Record<string, unknown>;
}

/** The MIME type of plotly figures (lesson 00). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** The event that the plotly.js bundle fires on `window` once `window.Plotly` exists. */
const READY_EVENT = "atencion-plotly-ready";
const DEFAULT_CONFIG = { responsive: true, displaylogo: false };
/** The text left in place of a figure when its script cannot run. */
export const NO_SCRIPT_NOTE =
  "Aquí va un gráfico interactivo. No se dibuja porque este cuaderno no es de confianza (Jupyter no ejecuta sus scripts): " +
  "vuelve a ejecutar la celda, o márcalo como de confianza (Notebook clásico: File → Trust Notebook; JupyterLab: paleta de comandos → Trust Notebook).";

let bundleSent = false;
let bundleSource: string | undefined;
let plotCounter = 0;

/**
 * A label as plotly should print it. Plotly reads a few HTML tags in its text (`<b>`, `<br>`…), so
 * tokens such as `<s>` or `</s>` would vanish: their `&`, `<` and `>` are written as entities.
 */
export function plotlyLabel(text: string): string {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The version of the local plotly.js bundle (lesson 00). */
export function plotlyVersion(): string {
  const pkg = JSON.parse(readFileSync(require.resolve("plotly.js-dist-min/package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * The plotly.js bundle as one `<script>`: it defines `window.Plotly` unless a copy is already on the
 * page, hides any AMD/CommonJS loader of the page (the classic Notebook has require.js) so the bundle
 * always sets the global, then tells waiting figures.
 */
export function plotlyScriptTag(): string {
  if (bundleSource === undefined) {
    const source = readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
    if (/<\/script|<!--/i.test(source)) throw new Error("plotly.min.js contiene '</script' o '<!--': no se puede incrustar");
    bundleSource = source;
  }
  return (
    `<script type="text/javascript">/* plotly.js ${plotlyVersion()} (local, sin CDN) */\n` +
    `if (typeof window.Plotly === "undefined") { (function (module, exports, define) {\n${bundleSource}\n}).call(window); }\n` +
    `window.dispatchEvent(new Event("${READY_EVENT}"));</script>`
  );
}

/** Makes the next figure carry the plotly.js bundle again, e.g. after reloading the page (lesson 00). */
export function resetPlotlyBundle(): void {
  bundleSent = false;
}

/**
 * Puts plotly.js on the page now, as a small output of its own (lesson 00). The first figure of a
 * session carries it anyway; call this if a figure says that plotly.js is missing.
 */
export function loadPlotly(): void {
  bundleSent = true;
  displayBundle(
    { "text/html": `${plotlyScriptTag()}<div style="font-size:12px;color:#666">plotly.js ${plotlyVersion()} cargado.</div>`, "text/plain": "plotly.js cargado." },
    { quiet: true },
  );
}

function titleOf(fig: Figure): string {
  const title = fig.layout.title;
  if (typeof title === "string") return title;
  if (title !== null && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return "sin título";
}

/** The one-line plain-text form of a figure (lesson 00). */
export function figureText(fig: Figure): string {
  const kinds = [...new Set(fig.data.map((t) => t.type))].join(", ");
  return `[gráfico: ${titleOf(fig)} — ${fig.data.length} traza(s) ${kinds}; se dibuja en JupyterLab, Notebook, VS Code o HTML]`;
}

/**
 * The `text/html` form of a figure: a `<div>` and the script that draws it (lesson 00). With
 * `includeBundle`, the plotly.js bundle comes first in the same output.
 */
export function figureHtml(fig: Figure, { includeBundle = false }: { includeBundle?: boolean } = {}): string {
  plotCounter += 1;
  const id = `atencion-plot-${process.pid.toString(36)}-${Date.now().toString(36)}-${plotCounter}`;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 450;
  const spec = { data: fig.data, layout: fig.layout, config: { ...DEFAULT_CONFIG, ...fig.config } };
  const missing =
    "Falta plotly.js en esta página. Vuelve a ejecutar la celda del primer gráfico, " +
    "o ejecuta <code>loadPlotly()</code> (de atencion) y después esta celda.";
  const draw = `<script type="text/javascript">(function () {
  var id = "${id}", fig = ${jsonForScript(spec)};
  function draw() {
    var el = document.getElementById(id);
    if (el && window.Plotly && !el.dataset.drawn) { el.dataset.drawn = "1"; el.innerHTML = ""; window.Plotly.newPlot(el, fig.data, fig.layout, fig.config); }
  }
  if (window.Plotly) { draw(); return; }
  window.addEventListener("${READY_EVENT}", draw);
  setTimeout(function () {
    var el = document.getElementById(id);
    if (el && !window.Plotly) el.innerHTML = '<p style="color:#a00;font-family:sans-serif">${missing}</p>';
  }, 15000);
})();</script>`;
  // Shown only where the script does not run (an untrusted notebook): the script empties the div.
  const div =
    `<div id="${id}" class="atencion-plot" title="${escapeHtml(titleOf(fig))}" style="width:100%;min-height:${height}px">` +
    `<p class="atencion-sin-js" style="color:#777;font-family:sans-serif;font-size:13px">${escapeHtml(NO_SCRIPT_NOTE)}</p></div>`;
  return (includeBundle ? plotlyScriptTag() : "") + div + draw;
}

/** The full MIME bundle of a figure: plotly JSON + HTML fallback + text (lesson 00). */
export function figureBundle(fig: Figure, { includeBundle = false }: { includeBundle?: boolean } = {}): MimeBundle {
  return {
    [PLOTLY_MIME]: { data: fig.data, layout: fig.layout, config: { ...DEFAULT_CONFIG, ...fig.config } },
    "text/html": figureHtml(fig, { includeBundle }),
    "text/plain": figureText(fig),
  };
}

/**
 * Shows a figure in the notebook (lesson 00). Outside a notebook, prints its one-line text form.
 * The first figure of a kernel session carries the plotly.js bundle.
 */
export function showFigure(fig: Figure): void {
  if (!inNotebook()) {
    displayBundle({ "text/plain": figureText(fig) });
    return;
  }
  const includeBundle = !bundleSent;
  displayBundle(figureBundle(fig, { includeBundle }));
  bundleSent = true;
}
