/**
 * Heatmaps: attention weights with token labels (lessons 02–08), for one head or as a grid of
 * layers × heads, and the sinusoidal positional encoding (lesson 06).
 *
 * Rows are queries (who asks), columns are keys (who is looked at); every row of attention
 * weights sums to 1. Axes are numeric with the tokens as tick labels, so repeated tokens
 * ("el … el") keep their own row and column.
 */
import { AtencionError, checkOneOf } from "./errors";
import { checkAttentionWeights, MatrixLike, StackLike, toMatrix, toStack } from "./plain";
import { Figure, Layout, plotlyLabel, showFigure, Trace } from "./plotly";

/** Which attention a heatmap shows; it names the axes and the default title. */
export type AttentionKind = "encoder" | "decoder" | "cross";
const KINDS: readonly AttentionKind[] = ["encoder", "decoder", "cross"];

const KIND_TEXT: Record<AttentionKind, { title: string; rows: string; cols: string }> = {
  encoder: { title: "Autoatención del codificador", rows: "consulta (ficha que pregunta)", cols: "clave (ficha a la que atiende)" },
  decoder: { title: "Autoatención enmascarada del decodificador", rows: "consulta (ficha que pregunta)", cols: "clave (la misma ficha y las anteriores)" },
  cross: { title: "Atención cruzada", rows: "consulta: decodificador (destino)", cols: "clave y valor: codificador (origen)" },
};

/** Options of the attention pictures. */
export interface AttentionPlotOptions {
  /** The tokens of the rows (queries). */
  queryTokens: readonly string[];
  /** The tokens of the columns (keys); default: the query tokens (self-attention). Needed for "cross". */
  keyTokens?: readonly string[];
  /** "encoder" (default), "decoder" (masked self-attention) or "cross" (queries from the decoder, keys from the encoder). */
  kind?: AttentionKind;
  title?: string;
  /** Print each weight in its cell (default: when there are at most 144 cells). */
  showValues?: boolean;
  /** For weights `[B, H, Tq, Tk]`: which sentence of the batch (default 0). */
  batchIndex?: number;
}

function tokensFor(where: string, options: AttentionPlotOptions, tq: number, tk: number): { q: string[]; k: string[]; kind: AttentionKind } {
  const kind = checkOneOf(where, "kind", options.kind ?? "encoder", KINDS);
  if (!Array.isArray(options.queryTokens)) throw new AtencionError(`${where}: falta 'queryTokens', la lista de fichas de las filas.`);
  if (kind === "cross" && options.keyTokens === undefined) {
    throw new AtencionError(`${where}: en la atención cruzada hace falta 'keyTokens' (las fichas del codificador).`);
  }
  const q = options.queryTokens.map(plotlyLabel);
  const k = (options.keyTokens ?? options.queryTokens).map(plotlyLabel);
  if (q.length !== tq) throw new AtencionError(`${where}: 'queryTokens' debe tener ${tq} fichas (una por fila de los pesos, Tq = ${tq}), y tiene ${q.length}.`);
  if (k.length !== tk) throw new AtencionError(`${where}: 'keyTokens' debe tener ${tk} fichas (una por columna de los pesos, Tk = ${tk}), y tiene ${k.length}.`);
  return { q, k, kind };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function heatTrace(z: number[][], q: string[], k: string[], axes: { x: string; y: string }): Trace {
  return {
    type: "heatmap",
    z,
    x: range(k.length),
    y: range(q.length),
    customdata: q.map((qt) => k.map((kt) => [qt, kt])),
    hovertemplate: "consulta <b>%{customdata[0]}</b> → clave <b>%{customdata[1]}</b><br>peso %{z:.3f}<extra></extra>",
    coloraxis: "coloraxis",
    xaxis: axes.x,
    yaxis: axes.y,
  };
}

function valueLabels(z: number[][], axes: { x: string; y: string }): Record<string, unknown>[] {
  return z.flatMap((row, i) =>
    row.map((w, j) => ({
      x: j,
      y: i,
      xref: axes.x,
      yref: axes.y,
      text: w.toFixed(2),
      showarrow: false,
      font: { size: 11, color: w > 0.55 ? "white" : "#222" },
    })),
  );
}

/** White (weight 0) to dark blue (weight 1). */
const WEIGHT_SCALE = [[0, "#ffffff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1, "#08306b"]];
const COLORAXIS = { cmin: 0, cmax: 1, colorscale: WEIGHT_SCALE, colorbar: { title: { text: "peso" }, thickness: 14 } };

/** The figure spec of one head's attention weights `[Tq, Tk]` (lesson 03). */
export function attentionHeatmapFigure(weights: MatrixLike, options: AttentionPlotOptions): Figure {
  const where = "attentionHeatmapFigure";
  const z = toMatrix(where, "weights", weights, "[Tq, Tk] (una fila por consulta)");
  const { q, k, kind } = tokensFor(where, options, z.length, z[0]?.length ?? 0);
  checkAttentionWeights(where, "weights", z);
  const text = KIND_TEXT[kind];
  const axes = { x: "x", y: "y" };
  const showValues = options.showValues ?? q.length * k.length <= 144;
  const layout: Layout = {
    title: { text: options.title ?? text.title },
    // automargin: long token labels (whole words of a sentence) push the axis title out instead of covering it.
    xaxis: { tickvals: range(k.length), ticktext: k, title: { text: text.cols }, side: "bottom", tickangle: k.length > 8 ? -45 : 0, automargin: true },
    yaxis: { tickvals: range(q.length), ticktext: q, title: { text: text.rows }, autorange: "reversed", automargin: true },
    coloraxis: COLORAXIS,
    width: Math.min(900, 260 + 48 * k.length),
    height: Math.min(800, 220 + 40 * q.length),
    annotations: showValues ? valueLabels(z, axes) : [],
  };
  return { data: [heatTrace(z, q, k, axes)], layout };
}

/** Shows one head's attention weights `[Tq, Tk]` as a heatmap with token labels (lesson 03). */
export function plotAttention(weights: MatrixLike, options: AttentionPlotOptions): void {
  showFigure(attentionHeatmapFigure(weights, options));
}

/**
 * The figure spec of a grid of heatmaps, a row per layer and a column per head (lesson 05).
 * `layers[l]` holds that layer's weights: `[B, H, Tq, Tk]` (as `MultiHeadAttention` returns them;
 * `batchIndex` picks the sentence) or `[H, Tq, Tk]`.
 */
export function attentionGridFigure(layers: readonly StackLike[], options: AttentionPlotOptions): Figure {
  const where = "attentionGridFigure";
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new AtencionError(`${where}: 'layers' debe ser una lista con los pesos de cada capa ([B, H, Tq, Tk] o [H, Tq, Tk]).`);
  }
  const stacks = layers.map((w, l) => toStack(where, `layers[${l}]`, w, options.batchIndex ?? 0));
  const [heads, tq, tk] = [stacks[0].length, stacks[0][0]?.length ?? 0, stacks[0][0]?.[0]?.length ?? 0];
  stacks.forEach((s, l) => {
    if (s.length !== heads || s[0].length !== tq || s[0][0].length !== tk) {
      throw new AtencionError(
        `${where}: todas las capas deben tener la misma forma [H, Tq, Tk] = [${heads}, ${tq}, ${tk}], y la capa ${l} tiene [${s.length}, ${s[0].length}, ${s[0][0].length}].`,
      );
    }
  });
  const { q, k, kind } = tokensFor(where, options, tq, tk);
  stacks.forEach((s, l) => s.forEach((z, h) => checkAttentionWeights(where, `layers[${l}][cabeza ${h}]`, z)));
  const rows = stacks.length;
  const gap = 0.04;
  const vgap = 0.12;
  const cell = { w: (1 - gap * (heads - 1)) / heads, h: (1 - vgap * (rows - 1)) / rows };
  const data: Trace[] = [];
  const layout: Layout = {
    title: { text: options.title ?? `${KIND_TEXT[kind].title}: capas × cabezas` },
    coloraxis: COLORAXIS,
    width: Math.min(1400, 140 + heads * (90 + 22 * tk)),
    height: Math.min(1600, 140 + rows * (80 + 22 * tq)),
    margin: { l: 90, r: 40, t: 90, b: 90 },
  };
  const annotations: Record<string, unknown>[] = [];
  stacks.forEach((stack, l) =>
    stack.forEach((z, h) => {
      const n = l * heads + h + 1;
      const axes = { x: n === 1 ? "x" : `x${n}`, y: n === 1 ? "y" : `y${n}` };
      data.push(heatTrace(z, q, k, axes));
      const x0 = h * (cell.w + gap);
      const y1 = 1 - l * (cell.h + vgap);
      layout[n === 1 ? "xaxis" : `xaxis${n}`] = {
        domain: [x0, x0 + cell.w],
        anchor: axes.y,
        tickvals: range(tk),
        ticktext: k,
        showticklabels: l === rows - 1,
        tickangle: -45,
      };
      layout[n === 1 ? "yaxis" : `yaxis${n}`] = {
        domain: [y1 - cell.h, y1],
        anchor: axes.x,
        tickvals: range(tq),
        ticktext: q,
        showticklabels: h === 0,
        autorange: "reversed",
        automargin: true,
      };
      annotations.push({
        text: `capa ${l} · cabeza ${h}`,
        xref: `${axes.x} domain`,
        yref: `${axes.y} domain`,
        x: 0.5,
        y: 1,
        yanchor: "bottom",
        showarrow: false,
        font: { size: 12 },
      });
    }),
  );
  layout.annotations = annotations;
  return { data, layout };
}

/** Shows the attention weights of every layer and head as a grid of heatmaps (lesson 05). */
export function plotAttentionGrid(layers: readonly StackLike[], options: AttentionPlotOptions): void {
  showFigure(attentionGridFigure(layers, options));
}

/** The figure spec of a positional-encoding table `[maxLen, dModel]` (lesson 06). */
export function positionalEncodingFigure(pe: MatrixLike, { title }: { title?: string } = {}): Figure {
  const z = toMatrix("positionalEncodingFigure", "pe", pe, "[maxLen, dModel] (una fila por posición)");
  return {
    data: [
      {
        type: "heatmap",
        z,
        x: range(z[0].length),
        y: range(z.length),
        zmin: -1,
        zmax: 1,
        colorscale: [[0, "#b2182b"], [0.25, "#ef8a62"], [0.5, "#f7f7f7"], [0.75, "#67a9cf"], [1, "#2166ac"]], // −1 red, 0 white, +1 blue
        colorbar: { title: { text: "valor" }, thickness: 14 },
        hovertemplate: "posición %{y}, dimensión %{x}<br>valor %{z:.3f}<extra></extra>",
      },
    ],
    layout: {
      title: { text: title ?? `Codificación posicional sinusoidal (${z.length} posiciones × ${z[0].length} dimensiones)` },
      xaxis: { title: { text: "dimensión i (pares: seno, impares: coseno)" } },
      yaxis: { title: { text: "posición p" }, autorange: "reversed" },
      height: Math.min(700, 260 + 6 * z.length),
    },
  };
}

/** Shows a positional-encoding table `[maxLen, dModel]` as a heatmap (lesson 06). */
export function plotPositionalEncoding(pe: MatrixLike, options: { title?: string } = {}): void {
  showFigure(positionalEncodingFigure(pe, options));
}

/** Options of `matrixHeatmapFigure` / `plotMatrix`. */
export interface MatrixPlotOptions {
  /** One label per row. */
  rowLabels: readonly string[];
  /** One label per column. */
  colLabels: readonly string[];
  title?: string;
  /** Decimals printed in each cell (default 2); `null` prints nothing. */
  digits?: number | null;
}

/**
 * The figure spec of a heatmap of any labelled matrix (lesson 01: term–document counts, TF-IDF,
 * co-occurrence, PPMI, cosine similarities). Unlike the attention heatmaps, rows need not sum to 1.
 */
export function matrixHeatmapFigure(matrix: MatrixLike, options: MatrixPlotOptions): Figure {
  const where = "matrixHeatmapFigure";
  const z = toMatrix(where, "matrix", matrix);
  const rows = options.rowLabels;
  const cols = options.colLabels;
  if (!Array.isArray(rows) || rows.length !== z.length) {
    throw new AtencionError(`${where}: 'rowLabels' debe tener ${z.length} etiquetas (una por fila), y tiene ${Array.isArray(rows) ? rows.length : 0}.`);
  }
  const width = z[0]?.length ?? 0;
  if (!Array.isArray(cols) || cols.length !== width) {
    throw new AtencionError(`${where}: 'colLabels' debe tener ${width} etiquetas (una por columna), y tiene ${Array.isArray(cols) ? cols.length : 0}.`);
  }
  const digits = options.digits === undefined ? 2 : options.digits;
  const r = rows.map(plotlyLabel);
  const c = cols.map(plotlyLabel);
  const trace: Trace = {
    type: "heatmap",
    z,
    x: range(c.length),
    y: range(r.length),
    customdata: r.map((rt) => c.map((ct) => [rt, ct])),
    hovertemplate: "%{customdata[0]} · %{customdata[1]}: %{z:.3f}<extra></extra>",
    colorscale: [[0, "#ffffff"], [0.5, "#6baed6"], [1, "#08306b"]],
    ...(digits === null ? {} : { text: z.map((row) => row.map((v) => v.toFixed(digits))), texttemplate: "%{text}" }),
  };
  return {
    data: [trace],
    layout: {
      title: { text: options.title ?? "", y: 0.97 },
      margin: { t: 130 },
      xaxis: { tickvals: range(c.length), ticktext: c, side: "top", tickangle: -45 },
      yaxis: { tickvals: range(r.length), ticktext: r, autorange: "reversed", automargin: true },
      width: Math.min(950, 260 + 52 * c.length),
      height: Math.min(700, 220 + 38 * r.length),
    },
  };
}

/** Shows a heatmap of a labelled matrix (lesson 01). */
export function plotMatrix(matrix: MatrixLike, options: MatrixPlotOptions): void {
  showFigure(matrixHeatmapFigure(matrix, options));
}
