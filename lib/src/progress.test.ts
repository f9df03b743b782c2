import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "./backend";

before(ready);
import { captureOutputs, setTextPrinter } from "./display";
import { liveProgress, lossSparkline, textBar } from "./progress";

/** A clock that the test moves by hand. */
function fakeClock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test("en un cuaderno: una salida que se actualiza en su sitio, como mucho cada 250 ms", () => {
  const clock = fakeClock();
  let history: ReturnType<ReturnType<typeof liveProgress>["done"]> | undefined;
  const outs = captureOutputs(() => {
    const p = liveProgress({ total: 10, title: "Prueba <1>", now: clock.now });
    for (let step = 1; step <= 10; step++) {
      p.update({ step, loss: 1 / step, ...(step % 5 === 0 ? { valLoss: 2 / step } : {}) });
      clock.advance(100); // 10 pasos en 1 s → dibuja en los pasos 1, 4, 7, 10 (cada 300 ms ≥ 250 ms)
    }
    history = p.done();
  });
  assert.equal(outs.length, 5, "4 dibujos durante el bucle y el final");
  assert.ok(outs.every((o) => o.displayId === outs[0].displayId));
  assert.deepEqual(outs.map((o) => o.update), [false, true, true, true, true]);
  const html = outs[4].bundle["text/html"] as string;
  assert.match(html, /<b>Prueba &lt;1&gt;<\/b> — paso 10\/10 · pérdida 0.1000 · validación 0.2000 · 1.0 s · terminado/);
  assert.match(html, /class="atn-bar" style="width:100.0%/);
  assert.match(html, /<polyline class="atn-train"/);
  assert.match(html, /<polyline class="atn-val"/);
  assert.equal(outs[4].bundle["text/plain"], `Prueba <1>: ${textBar(1)} 100 % · paso 10/10 · pérdida 0.1000 · validación 0.2000 · 1.0 s`);
  assert.match(outs[1].bundle["text/plain"] as string, /paso 4\/10 .* quedan ~1 s/);
  assert.deepEqual(history?.train.map((p) => p.step), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(history?.val, [{ step: 5, loss: 0.4 }, { step: 10, loss: 0.2 }]);
});

test("fuera de un cuaderno: líneas de texto cada 2 s y la final", () => {
  const clock = fakeClock();
  const lines: string[] = [];
  const previous = setTextPrinter((l) => lines.push(l));
  try {
    const p = liveProgress({ total: 5, now: clock.now });
    for (let step = 1; step <= 5; step++) {
      p.update({ step, loss: 2 });
      clock.advance(900);
    }
    p.done();
  } finally {
    setTextPrinter(previous);
  }
  // Draws at t = 0 (step 1), 2.7 s (step 4; 1.8 s at step 3 is too soon), and at done().
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^Entrenamiento: \[#####-+\] 20 % · paso 1\/5 · pérdida 2.0000/);
  assert.match(lines[2], /100 % · paso 5\/5/);
});

test("barra de texto, curva SVG y errores", () => {
  assert.equal(textBar(0.5, 10), "[#####-----]");
  assert.equal(textBar(2, 4), "[####]");
  const svg = lossSparkline([{ step: 1, loss: 2 }, { step: 2, loss: NaN }, { step: 4, loss: 1 }], [], 4);
  // x: 56 + (step / 4) · 372; y: 10 + (2 − loss) · 132. The NaN point is skipped.
  assert.match(svg, /points="149.0,10.0 428.0,142.0"/);
  assert.ok(!svg.includes("atn-val"));
  assert.ok(lossSparkline([], [], 10).endsWith("</svg>"));
  assert.throws(() => liveProgress({ total: 0 }), /'total' debe ser un entero ≥ 1, y es 0/);
  const p = liveProgress({ total: 3 });
  assert.throws(() => p.update({ step: 1 } as { step: number; loss: number }), /pasa \{step, loss, valLoss\?\} con números/);
});

test("una entrada del historial de train sirve tal cual: eval numérico = pérdida de validación", () => {
  const p = liveProgress({ total: 2, now: () => 0, textIntervalMs: 1e9 });
  p.update({ step: 1, loss: 2, lr: 1e-3 } as { step: number; loss: number });
  p.update({ step: 2, loss: 1, eval: 1.5 });
  p.update({ step: 2, loss: 1, eval: { exactitud: 0.9 } });
  assert.deepEqual(p.done().val, [{ step: 2, loss: 1.5 }]);
});
