import { test } from "node:test";
import assert from "node:assert/strict";
import { constantSchedule, inverseSqrtSchedule, warmupCosineSchedule, warmupLinearSchedule } from "./schedules";

const close = (a: number, b: number, message?: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${message ?? ""} ${a} ≠ ${b}`);

test("constantSchedule devuelve siempre lo mismo", () => {
  const s = constantSchedule(3e-4);
  assert.deepEqual([1, 10, 1e6].map(s), [3e-4, 3e-4, 3e-4]);
  assert.throws(() => constantSchedule(-1), /constantSchedule: 'lr'/);
});

test("inverseSqrtSchedule es la fórmula de Vaswani et al. (d=512, warmup=4000)", () => {
  const s = inverseSqrtSchedule({ dModel: 512, warmup: 4000 });
  // Warm-up: step · 4000^−1.5 / √512.  Peak at step 4000: 1/(√512·√4000) ≈ 7.0e-4.
  close(s(1), 1 / Math.sqrt(512) / 4000 ** 1.5);
  close(s(4000), 1 / Math.sqrt(512 * 4000));
  assert.ok(Math.abs(s(4000) - 6.987712429686844e-4) < 1e-15);
  close(s(16000), 1 / Math.sqrt(512 * 16000)); // after the peak: 1/√(d·step)
  assert.ok(s(3999) < s(4000) && s(4001) < s(4000), "el máximo está en step = warmup");
  close(inverseSqrtSchedule({ dModel: 512, warmup: 4000, scale: 2 })(100), 2 * s(100));
  assert.equal(s(0), 0);
  assert.throws(() => inverseSqrtSchedule({ dModel: 512, warmup: 0 }), /'warmup' debe ser un entero ≥ 1, y es 0/);
});

test("warmupCosineSchedule: sube en línea recta y baja en coseno hasta minLr", () => {
  const s = warmupCosineSchedule({ peakLr: 1e-3, warmup: 10, totalSteps: 110, minLr: 1e-4 });
  close(s(0), 0);
  close(s(5), 5e-4);
  close(s(10), 1e-3);
  close(s(60), 1e-4 + 0.5 * 9e-4); // halfway through the decay: cos(π/2) = 0
  close(s(35), 1e-4 + 0.5 * 9e-4 * (1 + Math.SQRT1_2)); // a quarter: cos(π/4)
  close(s(110), 1e-4);
  close(s(500), 1e-4);
  // No warm-up: starts at the peak.
  close(warmupCosineSchedule({ peakLr: 1, warmup: 0, totalSteps: 4 })(0), 1);
  close(warmupCosineSchedule({ peakLr: 1, warmup: 0, totalSteps: 4 })(2), 0.5);
  assert.throws(() => warmupCosineSchedule({ peakLr: 1, warmup: 10, totalSteps: 5 }), /'warmup' \(10\) no puede ser mayor que 'totalSteps' \(5\)/);
  assert.throws(() => warmupCosineSchedule({ peakLr: 1, warmup: 1, totalSteps: 5, minLr: 2 }), /'minLr' debe ser un número entre 0 y 1/);
});

test("warmupLinearSchedule: sube y baja en línea recta", () => {
  const s = warmupLinearSchedule({ peakLr: 2, warmup: 4, totalSteps: 12 });
  assert.deepEqual([0, 1, 2, 4, 6, 8, 12, 20].map(s), [0, 0.5, 1, 2, 1.5, 1, 0, 0]);
  const floor = warmupLinearSchedule({ peakLr: 2, warmup: 0, totalSteps: 10, minLr: 1 });
  assert.deepEqual([0, 5, 10, 11].map(floor), [2, 1.5, 1, 1]);
});
