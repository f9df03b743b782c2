/**
 * Line, bar and scatter charts of the course: lines (lesson 00), a 2-D map of embeddings (lesson 01),
 * next-token probabilities with a temperature (lesson 10) and training curves (lesson 07).
 * Each `xxxFigure` returns a pure plotly spec; each `plotXxx` shows it.
 */
import { AtencionError } from "./errors";
import { pca } from "./pca";
import { MatrixLike, VectorLike, toMatrix, toVector } from "./plain";
import { Figure, plotlyLabel, showFigure, Trace } from "./plotly";

/** One line of a line chart. */
export interface LineSeries {
  name: string;
  y: readonly number[];
  /** Its own x values (default: the chart's `x`, else 0, 1, 2, …). */
  x?: readonly number[];
  /** "lines" (default), "markers" or "lines+markers". */
  mode?: "lines" | "markers" | "lines+markers";
  dash?: boolean;
}

/** Options of `lineChartFigure`. */
export interface LineChartOptions {
  x?: readonly number[];
  title?: string;
  xTitle?: string;
  yTitle?: string;
  yRange?: readonly [number, number];
  logY?: boolean;
  /** Logarithmic x axis (lesson 03 plots against d_k = 1 … 1024). */
  logX?: boolean;
  height?: number;
}

/** The figure spec of a line chart with one or more series (lesson 00). */
export function lineChartFigure(series: readonly LineSeries[], options: LineChartOptions = {}): Figure {
  const where = "lineChartFigure";
  if (!Array.isArray(series) || series.length === 0) throw new AtencionError(`${where}: 'series' debe ser una lista no vacía de {name, y}.`);
  const data: Trace[] = series.map((s, i) => {
    const y = toVector(where, `series[${i}].y`, s.y);
    const x = s.x ?? options.x ?? y.map((_, j) => j);
    if (x.length !== y.length) {
      throw new AtencionError(`${where}: la serie '${s.name}' tiene ${y.length} valores de y pero ${x.length} de x.`);
    }
    return {
      type: "scatter",
      name: s.name,
      x: x.slice(),
      y,
      mode: s.mode ?? "lines",
      line: s.dash ? { dash: "dash" } : {},
      hovertemplate: `${s.name}: %{y:.4g}<extra>x = %{x}</extra>`,
    };
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? "" },
      xaxis: { title: { text: options.xTitle ?? "" }, ...(options.logX ? { type: "log" } : {}) },
      yaxis: {
        title: { text: options.yTitle ?? "" },
        ...(options.logY ? { type: "log" } : {}),
        ...(options.yRange ? { range: options.yRange.slice() } : {}),
      },
      height: options.height ?? 380,
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
    },
  };
}

/** Shows a line chart (lesson 00). */
export function plotLines(series: readonly LineSeries[], options: LineChartOptions = {}): void {
  showFigure(lineChartFigure(series, options));
}

/** A loss measured at a training step. */
export interface LossPoint {
  step: number;
  loss: number;
}
/** Training and (optional) validation losses: plain lists (steps 1, 2, …) or `{step, loss}` points. */
export interface LossHistory {
  train: readonly number[] | readonly LossPoint[];
  val?: readonly number[] | readonly LossPoint[];
}

function points(values: readonly number[] | readonly LossPoint[]): { x: number[]; y: number[] } {
  const list = values as readonly (number | LossPoint)[];
  return {
    x: list.map((v, i) => (typeof v === "number" ? i + 1 : v.step)),
    y: list.map((v) => (typeof v === "number" ? v : v.loss)),
  };
}

/** The figure spec of training and validation loss curves (lesson 07). */
export function lossCurveFigure(history: LossHistory, { title, logY = false }: { title?: string; logY?: boolean } = {}): Figure {
  if (history === null || typeof history !== "object" || !Array.isArray(history.train)) {
    throw new AtencionError("lossCurveFigure: 'history' debe ser {train, val?} con listas de pérdidas o de {step, loss}.");
  }
  const train = points(history.train);
  const series: LineSeries[] = [{ name: "entrenamiento", ...train }];
  if (history.val !== undefined && history.val.length > 0) {
    series.push({ name: "validación", ...points(history.val), mode: "lines+markers", dash: true });
  }
  return lineChartFigure(series, { title: title ?? "Pérdida durante el entrenamiento", xTitle: "paso", yTitle: "pérdida (entropía cruzada)", logY });
}

/** Shows the training and validation loss curves (lesson 07). */
export function plotLoss(history: LossHistory, options: { title?: string; logY?: boolean } = {}): void {
  showFigure(lossCurveFigure(history, options));
}

/**
 * softmax(logits / T): the next-token distribution at temperature T (lesson 10). T < 1 sharpens
 * it, T > 1 flattens it; computed stably (the largest logit is subtracted first).
 */
export function softmaxWithTemperature(logits: readonly number[], temperature = 1): number[] {
  if (typeof temperature !== "number" || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new AtencionError(`softmaxWithTemperature: 'temperature' debe ser un número mayor que 0, y es ${temperature}.`);
  }
  const scaled = logits.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Options of `nextTokenFigure`. */
export interface NextTokenOptions {
  /** One temperature, or several: then a slider picks among them (default 1). */
  temperature?: number | readonly number[];
  /** How many of the most likely tokens get a bar (default 15); the rest share one bar. */
  topK?: number;
  title?: string;
}

/** The figure spec of next-token probabilities from `logits` `[V]` and the vocabulary `tokens` (lesson 10). */
export function nextTokenFigure(logits: VectorLike, tokens: readonly string[], options: NextTokenOptions = {}): Figure {
  const where = "nextTokenFigure";
  const z = toVector(where, "logits", logits, "[V] (una puntuación por ficha del vocabulario)");
  if (!Array.isArray(tokens) || tokens.length !== z.length) {
    throw new AtencionError(`${where}: 'tokens' debe tener ${z.length} fichas (una por logit), y tiene ${Array.isArray(tokens) ? tokens.length : "otra cosa"}.`);
  }
  const temps = typeof options.temperature === "number" || options.temperature === undefined ? [options.temperature ?? 1] : options.temperature.slice();
  if (temps.length === 0) throw new AtencionError(`${where}: 'temperature' no puede ser una lista vacía.`);
  const topK = Math.min(options.topK ?? 15, z.length);
  const order = z.map((_, i) => i).sort((a, b) => z[b] - z[a]).slice(0, topK);
  const rest = topK < z.length;
  const labels = [...order.map((i) => plotlyLabel(tokens[i])), ...(rest ? [`(las otras ${z.length - topK})`] : [])];
  const barsAt = (t: number) => {
    const p = softmaxWithTemperature(z, t);
    const top = order.map((i) => p[i]);
    return rest ? [...top, Math.max(0, 1 - top.reduce((a, b) => a + b, 0))] : top;
  };
  const bars = temps.map(barsAt);
  const start = Math.max(0, temps.indexOf(1));
  const titleAt = (t: number) => options.title ?? `Probabilidad de la siguiente ficha, temperatura T = ${t}`;
  const x = labels.map((_, i) => i);
  const layout: Record<string, unknown> = {
    title: { text: titleAt(temps[start]) },
    xaxis: { tickvals: x, ticktext: labels, title: { text: "ficha" }, tickangle: labels.length > 10 ? -45 : 0 },
    yaxis: { range: [0, 1.05], title: { text: "probabilidad" } },
    height: 420,
  };
  if (temps.length > 1) {
    layout.sliders = [
      {
        active: start,
        currentvalue: { prefix: "temperatura T = " },
        pad: { t: 60 },
        steps: temps.map((t, i) => ({ label: String(t), method: "update", args: [{ y: [bars[i]] }, { "title.text": titleAt(t) }] })),
      },
    ];
    layout.height = 500;
  }
  const trace: Trace = {
    type: "bar",
    x,
    y: bars[start],
    customdata: labels,
    texttemplate: "%{y:.2f}",
    textposition: "outside",
    marker: { color: labels.map((_, i) => (rest && i === labels.length - 1 ? "#bbbbbb" : "#1f77b4")) },
    hovertemplate: "%{customdata}: %{y:.4f}<extra></extra>",
  };
  return { data: [trace], layout };
}

/** Shows next-token probabilities as bars, with a temperature slider when given several (lesson 10). */
export function plotNextToken(logits: VectorLike, tokens: readonly string[], options: NextTokenOptions = {}): void {
  showFigure(nextTokenFigure(logits, tokens, options));
}

/** Options of `embeddingMapFigure`. */
export interface EmbeddingMapOptions {
  /** A group per point (e.g. "animal", "color"): one colour and legend entry per group. */
  groups?: readonly string[];
  title?: string;
}

/** The figure spec of a 2-D map (PCA) of embeddings `[n, d]`, one labelled point per row (lesson 01). */
export function embeddingMapFigure(embeddings: MatrixLike, labels: readonly string[], options: EmbeddingMapOptions = {}): Figure {
  const where = "embeddingMapFigure";
  const rows = toMatrix(where, "embeddings", embeddings, "[n, d] (un vector por fila)");
  if (rows.length < 2 || rows[0].length < 2) {
    throw new AtencionError(`${where}: 'embeddings' necesita al menos 2 vectores de 2 o más dimensiones, y tiene forma [${rows.length}, ${rows[0]?.length ?? 0}].`);
  }
  if (!Array.isArray(labels) || labels.length !== rows.length) {
    throw new AtencionError(`${where}: 'labels' debe tener ${rows.length} etiquetas (una por fila), y tiene ${Array.isArray(labels) ? labels.length : "otra cosa"}.`);
  }
  if (options.groups !== undefined && options.groups.length !== rows.length) {
    throw new AtencionError(`${where}: 'groups' debe tener ${rows.length} grupos (uno por fila), y tiene ${options.groups.length}.`);
  }
  const { projected, explainedVarianceRatio: ratio } = pca(rows, 2);
  const groups = options.groups ?? rows.map(() => "");
  const names = [...new Set(groups)];
  const data: Trace[] = names.map((g) => {
    const idx = groups.map((gi, i) => (gi === g ? i : -1)).filter((i) => i >= 0);
    return {
      type: "scatter",
      mode: "markers+text",
      name: g === "" ? "vectores" : plotlyLabel(g),
      x: idx.map((i) => projected[i][0]),
      y: idx.map((i) => projected[i][1]),
      text: idx.map((i) => plotlyLabel(labels[i])),
      textposition: "top center",
      marker: { size: 10 },
      hovertemplate: "%{text}<br>(%{x:.3f}, %{y:.3f})<extra></extra>",
    };
  });
  const pct = (r: number) => `${(100 * r).toFixed(1)} %`;
  return {
    data,
    layout: {
      title: { text: options.title ?? `Mapa 2-D de los vectores (PCA: ${pct(ratio[0] + ratio[1])} de la varianza)` },
      xaxis: { title: { text: `componente principal 1 (${pct(ratio[0])})` }, zeroline: false },
      yaxis: { title: { text: `componente principal 2 (${pct(ratio[1])})` }, zeroline: false, scaleanchor: "x" },
      showlegend: names.length > 1,
      height: 520,
    },
  };
}

/** Shows a 2-D map (PCA) of embeddings `[n, d]` with a label per point (lesson 01). */
export function plotEmbeddings(embeddings: MatrixLike, labels: readonly string[], options: EmbeddingMapOptions = {}): void {
  showFigure(embeddingMapFigure(embeddings, labels, options));
}
