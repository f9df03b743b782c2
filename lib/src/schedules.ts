/**
 * Learning-rate schedules (lesson 07): pure functions from the step number to the learning rate.
 *
 * The trainer calls `schedule(step)` before each update, with step = 1 for the first update, and
 * sets `optimizer.lr` to the result. Being plain functions, they can also be plotted:
 * `Array.from({ length: 1000 }, (_, i) => schedule(i + 1))`.
 */
import { AtencionError, checkInt, checkNumber } from "./errors";

/** A learning-rate schedule: step (1 for the first update) → learning rate (lesson 07). */
export type Schedule = (step: number) => number;

/** The same learning rate at every step (lesson 07). */
export function constantSchedule(lr: number): Schedule {
  checkNumber("constantSchedule", "lr", lr, 0);
  return () => lr;
}

/** Options of `inverseSqrtSchedule`. */
export interface InverseSqrtScheduleConfig {
  /** The model width d_model. */
  dModel: number;
  /** Warm-up steps (4000 in the paper). */
  warmup: number;
  /** A factor on the whole curve (default 1). */
  scale?: number;
}

/**
 * The schedule of "Attention Is All You Need" (Vaswani et al., 2017, §5.3; lesson 07):
 *   lr = scale · d_model^−0.5 · min(step^−0.5, step · warmup^−1.5)
 * It grows linearly for `warmup` steps, peaks at step = warmup, then decays as 1/√step.
 */
export function inverseSqrtSchedule({ dModel, warmup, scale = 1 }: InverseSqrtScheduleConfig): Schedule {
  const where = "inverseSqrtSchedule";
  checkInt(where, "dModel", dModel, 1);
  checkInt(where, "warmup", warmup, 1);
  checkNumber(where, "scale", scale, 0);
  return (step) => (step <= 0 ? 0 : scale * dModel ** -0.5 * Math.min(step ** -0.5, step * warmup ** -1.5));
}

/** Options of the warm-up-then-decay schedules. */
export interface WarmupDecayConfig {
  /** The learning rate at the end of the warm-up. */
  peakLr: number;
  /** Steps of linear warm-up from 0 to `peakLr` (0: none). */
  warmup: number;
  /** The step at which the decay reaches `minLr` (and stays there). */
  totalSteps: number;
  /** The final learning rate (default 0). */
  minLr?: number;
}

/**
 * Linear warm-up to `peakLr`, then lr = minLr + (peakLr − minLr)·shape(progress), where progress goes
 * from 0 (end of the warm-up) to 1 (`totalSteps`) and `shape` goes from 1 to 0.
 */
function warmupThenDecay(where: string, config: WarmupDecayConfig, shape: (progress: number) => number): Schedule {
  const { peakLr, warmup, totalSteps, minLr = 0 } = config;
  checkNumber(where, "peakLr", peakLr, 0);
  checkInt(where, "warmup", warmup, 0);
  checkInt(where, "totalSteps", totalSteps, 1);
  checkNumber(where, "minLr", minLr, 0, peakLr);
  if (warmup > totalSteps) {
    throw new AtencionError(`${where}: 'warmup' (${warmup}) no puede ser mayor que 'totalSteps' (${totalSteps}).`);
  }
  return (step) => {
    if (step < warmup) return (peakLr * Math.max(step, 0)) / warmup;
    if (step >= totalSteps) return minLr;
    return minLr + (peakLr - minLr) * shape((step - warmup) / (totalSteps - warmup));
  };
}

/**
 * Linear warm-up from 0 to `peakLr` over `warmup` steps, then a cosine decay (half a period)
 * to `minLr` at `totalSteps` (lesson 07; the schedule of GPT-style training):
 *   step < warmup:  lr = peakLr · step / warmup
 *   after:          lr = minLr + ½(peakLr − minLr)(1 + cos(π · (step − warmup) / (totalSteps − warmup)))
 */
export function warmupCosineSchedule(config: WarmupDecayConfig): Schedule {
  return warmupThenDecay("warmupCosineSchedule", config, (progress) => 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/**
 * Linear warm-up from 0 to `peakLr` over `warmup` steps, then a linear decay to `minLr` at
 * `totalSteps` (lesson 07; the schedule of BERT's fine-tuning).
 */
export function warmupLinearSchedule(config: WarmupDecayConfig): Schedule {
  return warmupThenDecay("warmupLinearSchedule", config, (progress) => 1 - progress);
}
