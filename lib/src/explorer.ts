/**
 * An interactive attention explorer for one sentence (lesson 05), in the spirit of the "head view"
 * of attention visualisers: the tokens in two columns, a line from each query (left) to each key
 * (right) as opaque as its weight, a colour per head. Choose the layer and the head; hover a token
 * to see only its lines and its weights.
 *
 * All lines are drawn here, in TypeScript, as plain SVG: without JavaScript (an untrusted notebook)
 * the picture of layer 0 still shows. The small script only shows and hides lines.
 */
import { displayBundle, escapeHtml, jsonForScript } from "./display";
import { AtencionError } from "./errors";
import { checkAttentionWeights, StackLike, toStack } from "./plain";
import { NO_SCRIPT_NOTE } from "./plotly";

/** Options of the attention explorer. */
export interface ExplorerOptions {
  /** The tokens of the right column when they differ from the left (cross-attention). */
  keyTokens?: readonly string[];
  /** For weights `[B, H, Tq, Tk]`: which sentence of the batch (default 0). */
  batchIndex?: number;
  title?: string;
  /** Names of the layers (default "capa 0", "capa 1", …). */
  layerNames?: readonly string[];
}

/** The head colours of the explorer, lines and legend (lesson 05). */
export const HEAD_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];
/** Lines lighter than this are not drawn (they would be invisible). */
const MIN_WEIGHT = 0.01;
let explorerCounter = 0;

/** Every layer's weights `[H, Tq, Tk]`, checked to match each other and the tokens. */
function readLayers(where: string, layers: readonly StackLike[], tokens: readonly string[], options: ExplorerOptions): { w: number[][][][]; q: string[]; k: string[] } {
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new AtencionError(`${where}: 'layers' debe ser una lista con los pesos de cada capa ([B, H, Tq, Tk] o [H, Tq, Tk]).`);
  }
  const w = layers.map((x, l) => toStack(where, `layers[${l}]`, x, options.batchIndex ?? 0));
  const q = Array.from(tokens ?? [], String);
  const k = Array.from(options.keyTokens ?? q, String);
  w.forEach((stack, l) => {
    if (stack.length !== w[0].length || stack.some((m) => m.length !== q.length || m.some((row) => row.length !== k.length))) {
      throw new AtencionError(
        `${where}: los pesos de la capa ${l} deben tener forma [H, Tq, Tk] = [${w[0].length}, ${q.length}, ${k.length}] (Tq y Tk según las fichas), y tienen [${stack.length}, ${stack[0]?.length}, ${stack[0]?.[0]?.length}].`,
      );
    }
  });
  w.forEach((stack, l) => stack.forEach((m, h) => checkAttentionWeights(where, `layers[${l}][cabeza ${h}]`, m)));
  if (w[0].length > HEAD_COLORS.length) throw new AtencionError(`${where}: como mucho ${HEAD_COLORS.length} cabezas, y hay ${w[0].length}.`);
  return { w, q, k };
}

/** The index of the largest entry. */
const argmax = (xs: readonly number[]) => xs.reduce((best, x, i) => (x > xs[best] ? i : best), 0);

/** The plain-text summary: for each query, the key it attends to most (layer 0, mean of the heads). */
function summary(w: number[][][][], q: string[], k: string[]): string {
  const heads = w[0];
  const lines = q.slice(0, 16).map((tok, i) => {
    const mean = k.map((_, j) => heads.reduce((s, m) => s + m[i][j], 0) / heads.length);
    const j = argmax(mean);
    return `  ${tok} → ${k[j]} (${mean[j].toFixed(2)})`;
  });
  return [`Explorador de atención: ${w.length} capa(s) × ${heads.length} cabeza(s), ${q.length} fichas. Capa 0, media de las cabezas:`, ...lines].join("\n");
}

/**
 * The HTML of the explorer (lesson 05). `layers[l]` holds that layer's attention weights,
 * `[B, H, T, T]` as the attention layers return them (`batchIndex` picks the sentence) or `[H, T, T]`;
 * `tokens` labels the rows (and the columns, unless `keyTokens` is given).
 */
export function attentionExplorerHtml(layers: readonly StackLike[], tokens: readonly string[], options: ExplorerOptions = {}): string {
  return buildExplorer(layers, tokens, options).html;
}

function buildExplorer(layers: readonly StackLike[], tokens: readonly string[], options: ExplorerOptions): { html: string; text: string } {
  const where = "attentionExplorer";
  const { w, q, k } = readLayers(where, layers, tokens, options);
  const names = options.layerNames ?? w.map((_, l) => `capa ${l}`);
  if (names.length !== w.length) throw new AtencionError(`${where}: 'layerNames' debe tener ${w.length} nombres, y tiene ${names.length}.`);
  explorerCounter += 1;
  const id = `atencion-explorer-${process.pid.toString(36)}-${Date.now().toString(36)}-${explorerCounter}`;
  const charW = 7.5;
  const [leftW, rightW] = [q, k].map((toks) => 16 + charW * Math.max(4, ...toks.map((t) => t.length)));
  const [gapW, rowH, top] = [220, 22, 12];
  const xL = leftW;
  const xR = leftW + gapW;
  const height = top * 2 + rowH * Math.max(q.length, k.length);
  const y = (i: number) => top + rowH * i + rowH / 2;

  const tokenCells = (toks: string[], side: "q" | "k") =>
    toks
      .map((t, i) => {
        const x = side === "q" ? 0 : xR + 4;
        const width = side === "q" ? xL - 4 : rightW;
        const textX = side === "q" ? xL - 8 : xR + 10;
        const anchor = side === "q" ? "end" : "start";
        return (
          `<rect class="atn-bg atn-bg-${side}" data-idx="${i}" x="${x}" y="${y(i) - rowH / 2 + 1}" width="${width}" height="${rowH - 2}" fill="#ff9900" fill-opacity="0"/>` +
          `<text class="atn-tok atn-${side}" data-idx="${i}" x="${textX}" y="${y(i) + 4}" text-anchor="${anchor}">${escapeHtml(t)}</text>`
        );
      })
      .join("");

  const groups = w
    .map((stack, l) =>
      stack
        .map((m, h) => {
          const lines = m.flatMap((row, i) =>
            row.flatMap((weight, j) =>
              weight < MIN_WEIGHT
                ? []
                : [`<line data-q="${i}" data-k="${j}" x1="${xL}" y1="${y(i)}" x2="${xR}" y2="${y(j)}" stroke-opacity="${weight.toFixed(3)}"/>`],
            ),
          );
          const style = l === 0 ? "" : ` style="display:none"`;
          return `<g class="atn-lines" data-layer="${l}" data-head="${h}" stroke="${HEAD_COLORS[h]}" stroke-width="2"${style}>${lines.join("")}</g>`;
        })
        .join(""),
    )
    .join("");

  const heads = w[0].length;
  const optionTags = (values: string[], labels: string[]) => values.map((v, i) => `<option value="${v}">${escapeHtml(labels[i])}</option>`).join("");
  const legend = w[0].map((_, h) => `<span style="display:inline-block;width:12px;height:12px;margin:0 2px 0 8px;background:${HEAD_COLORS[h]}"></span>${h}`).join("");
  const data = w.map((stack) => stack.map((m) => m.map((row) => row.map((x) => Math.round(x * 1e4) / 1e4))));
  const title = options.title ?? "Explorador de atención";
  const html = `<div id="${id}" class="atencion-explorer" style="font-family:sans-serif;font-size:13px">
<style>#${id} .atn-tok{cursor:pointer;font-size:13px;fill:#222} #${id} select{margin:0 12px 0 4px}</style>
<div style="font-weight:bold;margin-bottom:4px">${escapeHtml(title)}</div>
<div class="atn-controls">capa<select class="atn-layer">${optionTags(names.map((_, l) => String(l)), [...names])}</select>cabeza<select class="atn-head">${optionTags(
    ["all", ...w[0].map((_, h) => String(h))],
    ["todas", ...w[0].map((_, h) => `cabeza ${h}`)],
  )}</select>${legend}</div>
<svg class="atn-svg" width="${xR + rightW + 8}" height="${height}" xmlns="http://www.w3.org/2000/svg">${groups}<g>${tokenCells(q, "q")}</g><g>${tokenCells(k, "k")}</g></svg>
<p class="atencion-sin-js" style="color:#777;font-size:13px">${escapeHtml(NO_SCRIPT_NOTE.replace("un gráfico interactivo. No se dibuja", "un explorador interactivo. No responde"))}</p>
<div class="atn-readout" style="min-height:1.4em;color:#444">Pasa el ratón por una ficha de la izquierda (consulta) para ver a qué atiende, o de la derecha (clave) para ver quién la atiende.</div>
</div>
<script type="text/javascript">(function () {
  var root = document.getElementById("${id}");
  if (!root) return;
  var note = root.querySelector(".atencion-sin-js");
  if (note) note.parentNode.removeChild(note);
  var W = ${jsonForScript(data)}, Q = ${jsonForScript(q)}, K = ${jsonForScript(k)}, H = ${heads};
  var layerSel = root.querySelector(".atn-layer"), headSel = root.querySelector(".atn-head"), readout = root.querySelector(".atn-readout");
  var focus = null;
  function weight(l, h, i, j) {
    if (h !== "all") return W[l][+h][i][j];
    var s = 0; for (var k = 0; k < H; k++) s += W[l][k][i][j]; return s / H;
  }
  function render() {
    var l = +layerSel.value, h = headSel.value;
    root.querySelectorAll("g.atn-lines").forEach(function (g) {
      var on = +g.getAttribute("data-layer") === l && (h === "all" || g.getAttribute("data-head") === h);
      g.style.display = on ? "" : "none";
      if (!on) return;
      g.querySelectorAll("line").forEach(function (line) {
        var keep = !focus || line.getAttribute("data-" + focus.side) === String(focus.idx);
        line.style.display = keep ? "" : "none";
      });
    });
    root.querySelectorAll("rect.atn-bg").forEach(function (r) { r.setAttribute("fill-opacity", "0"); });
    if (!focus) return;
    var other = focus.side === "q" ? "k" : "q", toks = other === "k" ? K : Q, parts = [];
    root.querySelectorAll("rect.atn-bg-" + other).forEach(function (r) {
      var t = +r.getAttribute("data-idx");
      var v = focus.side === "q" ? weight(l, h, focus.idx, t) : weight(l, h, t, focus.idx);
      r.setAttribute("fill-opacity", String(0.8 * v));
      parts.push([v, toks[t]]);
    });
    parts.sort(function (a, b) { return b[0] - a[0]; });
    var top = parts.slice(0, 3).map(function (p) { return "«" + p[1] + "» " + p[0].toFixed(2); }).join(", ");
    readout.textContent = focus.side === "q"
      ? "«" + Q[focus.idx] + "» atiende sobre todo a: " + top
      : "Atienden a «" + K[focus.idx] + "» sobre todo: " + top;
  }
  root.querySelectorAll(".atn-tok, .atn-bg").forEach(function (el) {
    var side = el.classList.contains("atn-q") || el.classList.contains("atn-bg-q") ? "q" : "k";
    el.addEventListener("mouseenter", function () { focus = { side: side, idx: +el.getAttribute("data-idx") }; render(); });
  });
  root.querySelector(".atn-svg").addEventListener("mouseleave", function () { focus = null; render(); });
  layerSel.addEventListener("change", render);
  headSel.addEventListener("change", render);
  render();
})();</script>`;
  return { html, text: summary(w, q, k) };
}

/** Shows the interactive attention explorer for one sentence (lesson 05). */
export function showAttentionExplorer(layers: readonly StackLike[], tokens: readonly string[], options: ExplorerOptions = {}): void {
  const { html, text } = buildExplorer(layers, tokens, options);
  displayBundle({ "text/html": html, "text/plain": text });
}
