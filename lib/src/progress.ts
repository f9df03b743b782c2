/**
 * Live training progress (lesson 07): a progress bar and a loss curve that update in place in the
 * notebook, at most a few times per second; outside a notebook (tests, command line), a line of
 * text every few seconds. Plain HTML and SVG, no script, so it shows in every front end.
 *
 * It plugs into a training loop's progress callback:
 * ```ts
 * const progress = liveProgress({ total: 300, title: "GPT diminuto" });
 * await train({ module: model, loss, batches, optimizer, steps: 300, onProgress: (entry) => progress.update(entry) });
 * const history = progress.done();   // then plotLoss(history)
 * ```
 */
import { inNotebook, LiveOutput, escapeHtml } from "./display";
import { AtencionError, checkInt } from "./errors";
import type { LossHistory, LossPoint } from "./charts";

/**
 * What `update` takes; extra fields (such as `lr`) are ignored. A history entry of `train` fits as
 * it is: when `valLoss` is absent and `eval` is a number (an `evaluate` that returns the
 * validation loss), that number is the validation loss.
 */
export interface ProgressPoint {
  step: number;
  loss: number;
  valLoss?: number;
  eval?: unknown;
}

/** Options of `liveProgress`. */
export interface LiveProgressOptions {
  /** The number of steps planned. */
  total: number;
  title?: string;
  /** Least time between two redraws in a notebook (default 250 ms: at most 4 per second). */
  minIntervalMs?: number;
  /** Least time between two lines of text outside a notebook (default 2000 ms). */
  textIntervalMs?: number;
  /** The clock, in milliseconds (default `Date.now`). */
  now?: () => number;
}

/** The handle returned by `liveProgress`. */
export interface LiveProgress {
  /** Records a step; redraws if enough time has passed. */
  update(point: ProgressPoint): void;
  /** Draws the final state and returns the losses recorded. */
  done(): LossHistory & { train: LossPoint[]; val: LossPoint[] };
}

const fmt = (x: number | undefined) => (x === undefined ? "—" : Number.isFinite(x) ? x.toFixed(4) : String(x));

/** A text progress bar, `[########------------]` (lesson 07). */
export function textBar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

/** The loss curve as a small SVG; x: steps 0…total, y: the range of the losses seen (lesson 07). */
export function lossSparkline(train: readonly LossPoint[], val: readonly LossPoint[], total: number, size = { w: 440, h: 170 }): string {
  const m = { l: 56, r: 12, t: 10, b: 28 };
  const finite = [...train, ...val].filter((p) => Number.isFinite(p.loss));
  const frame = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.w}" height="${size.h}" style="font-family:sans-serif;font-size:11px">` +
    `<rect x="${m.l}" y="${m.t}" width="${size.w - m.l - m.r}" height="${size.h - m.t - m.b}" fill="#fafafa" stroke="#ccc"/>` +
    `<text x="${(m.l + size.w - m.r) / 2}" y="${size.h - 8}" text-anchor="middle" fill="#555">paso (de ${total})</text>`;
  if (finite.length === 0) return `${frame}</svg>`;
  let lo = Math.min(...finite.map((p) => p.loss));
  let hi = Math.max(...finite.map((p) => p.loss));
  if (hi - lo < 1e-12) [lo, hi] = [lo - 0.5, hi + 0.5];
  const sx = (s: number) => m.l + (Math.min(s, total) / Math.max(total, 1)) * (size.w - m.l - m.r);
  const sy = (v: number) => m.t + ((hi - v) / (hi - lo)) * (size.h - m.t - m.b);
  const every = Math.max(1, Math.ceil(train.length / 400)); // at most ~400 points on screen
  const line = (pts: readonly LossPoint[], stride: number) =>
    pts.filter((p, i) => Number.isFinite(p.loss) && (i % stride === 0 || i === pts.length - 1))
      .map((p) => `${sx(p.step).toFixed(1)},${sy(p.loss).toFixed(1)}`).join(" ");
  const valDots = val.filter((p) => Number.isFinite(p.loss)).map((p) => `<circle cx="${sx(p.step).toFixed(1)}" cy="${sy(p.loss).toFixed(1)}" r="2.5" fill="#ff7f0e"/>`).join("");
  return frame +
    `<text x="${m.l - 4}" y="${m.t + 9}" text-anchor="end" fill="#555">${hi.toFixed(3)}</text>` +
    `<text x="${m.l - 4}" y="${size.h - m.b}" text-anchor="end" fill="#555">${lo.toFixed(3)}</text>` +
    `<polyline class="atn-train" fill="none" stroke="#1f77b4" stroke-width="1.5" points="${line(train, every)}"/>` +
    (val.length > 0 ? `<polyline class="atn-val" fill="none" stroke="#ff7f0e" stroke-dasharray="4 3" stroke-width="1.5" points="${line(val, 1)}"/>${valDots}` : "") +
    `<text x="${size.w - m.r - 4}" y="${m.t + 12}" text-anchor="end" fill="#1f77b4">entrenamiento</text>` +
    (val.length > 0 ? `<text x="${size.w - m.r - 4}" y="${m.t + 26}" text-anchor="end" fill="#ff7f0e">validación</text>` : "") +
    `</svg>`;
}

/**
 * Starts a live progress display for `total` training steps (lesson 07). Call `update` from the
 * training loop (e.g. its `onProgress` callback) and `done` at the end.
 */
export function liveProgress(options: LiveProgressOptions): LiveProgress {
  const where = "liveProgress";
  if (options === null || typeof options !== "object") throw new AtencionError(`${where}: pasa las opciones {total, title?}.`);
  const total = checkInt(where, "total", options.total, 1);
  const title = options.title ?? "Entrenamiento";
  const now = options.now ?? Date.now;
  const notebook = inNotebook();
  const interval = notebook ? options.minIntervalMs ?? 250 : options.textIntervalMs ?? 2000;
  const output = new LiveOutput();
  const train: LossPoint[] = [];
  const val: LossPoint[] = [];
  const start = now();
  let lastDraw = -Infinity;
  let finished = false;

  const status = () => {
    const last = train[train.length - 1];
    const step = last?.step ?? 0;
    const seconds = (now() - start) / 1000;
    const left = step > 0 && step < total ? ` · quedan ~${Math.ceil((seconds / step) * (total - step))} s` : "";
    const valText = val.length > 0 ? ` · validación ${fmt(val[val.length - 1].loss)}` : "";
    return { step, fraction: step / total, text: `paso ${step}/${total} · pérdida ${fmt(last?.loss)}${valText} · ${seconds.toFixed(1)} s${left}` };
  };

  const draw = () => {
    lastDraw = now();
    const s = status();
    const plain = `${title}: ${textBar(s.fraction)} ${Math.round(100 * s.fraction)} % · ${s.text}`;
    if (!notebook) {
      output.show({ "text/plain": plain });
      return;
    }
    const pct = (100 * s.fraction).toFixed(1);
    const html = `<div class="atencion-progress" style="font-family:sans-serif;font-size:13px">` +
      `<div><b>${escapeHtml(title)}</b> — ${escapeHtml(s.text)}${finished ? " · terminado" : ""}</div>` +
      `<div style="width:440px;height:10px;background:#e6e6e6;border-radius:5px;margin:4px 0 6px 0">` +
      `<div class="atn-bar" style="width:${pct}%;height:100%;background:${finished ? "#2ca02c" : "#1f77b4"};border-radius:5px"></div></div>` +
      lossSparkline(train, val, total) +
      `</div>`;
    output.show({ "text/html": html, "text/plain": plain });
  };

  return {
    update(point: ProgressPoint): void {
      if (point === null || typeof point !== "object" || typeof point.step !== "number" || typeof point.loss !== "number") {
        throw new AtencionError(`${where}.update: pasa {step, loss, valLoss?} con números, y recibí ${JSON.stringify(point)}.`);
      }
      train.push({ step: point.step, loss: point.loss });
      const valLoss = typeof point.valLoss === "number" ? point.valLoss : typeof point.eval === "number" ? point.eval : undefined;
      if (valLoss !== undefined) val.push({ step: point.step, loss: valLoss });
      if (now() - lastDraw >= interval) draw();
    },
    done() {
      finished = true;
      draw();
      return { train: train.slice(), val: val.slice() };
    },
  };
}
