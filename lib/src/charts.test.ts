import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";

before(ready);
import { embeddingMapFigure, lineChartFigure, lossCurveFigure, nextTokenFigure, softmaxWithTemperature } from "./charts";
import { assertClose, assertNoLeak } from "./testing";

test("softmax con temperatura, a mano: logits [0, ln 2]", () => {
  // T = 1: e^0 : e^{ln 2} = 1 : 2.  T = 1/2: 1 : 4.  T = 2: 1 : √2.
  assertClose(softmaxWithTemperature([0, Math.LN2]), [1 / 3, 2 / 3], 1e-12);
  assertClose(softmaxWithTemperature([0, Math.LN2], 0.5), [1 / 5, 4 / 5], 1e-12);
  assertClose(softmaxWithTemperature([0, Math.LN2], 2), [1 / (1 + Math.SQRT2), Math.SQRT2 / (1 + Math.SQRT2)], 1e-12);
  assertClose(softmaxWithTemperature([1000, 1000]), [0.5, 0.5], 1e-12, 0, "estable con logits grandes");
  assert.throws(() => softmaxWithTemperature([1, 2], 0), /'temperature' debe ser un número mayor que 0, y es 0/);
});

test("barras de la siguiente ficha: las más probables, el resto en una barra, y un deslizador de temperatura", () => {
  const logits = [0, Math.LN2, -10, Math.log(4)];
  const tokens = ["a", "b", "<s>", "d"];
  const fig = nextTokenFigure(logits, tokens, { topK: 2, temperature: [0.5, 1, 2] });
  const t = fig.data[0];
  assert.equal(t.type, "bar");
  const axis = fig.layout.xaxis as { ticktext: string[] };
  assert.deepEqual(axis.ticktext, ["d", "b", "(las otras 2)"]);
  const p = softmaxWithTemperature(logits);
  assertClose(t.y as number[], [p[3], p[1], p[0] + p[2]], 1e-12);
  const slider = (fig.layout.sliders as { active: number; steps: { label: string; args: [{ y: number[][] }] }[] }[])[0];
  assert.equal(slider.active, 1, "empieza en T = 1");
  assert.deepEqual(slider.steps.map((s) => s.label), ["0.5", "1", "2"]);
  const p2 = softmaxWithTemperature(logits, 2);
  assertClose(slider.steps[2].args[0].y[0], [p2[3], p2[1], p2[0] + p2[2]], 1e-12);
  const single = nextTokenFigure(tf.tensor1d(logits), tokens);
  assert.equal(single.layout.sliders, undefined);
  assert.deepEqual((single.layout.xaxis as { ticktext: string[] }).ticktext, ["d", "b", "a", "&lt;s&gt;"]);
  assert.throws(() => nextTokenFigure(logits, ["a"]), /'tokens' debe tener 4 fichas \(una por logit\), y tiene 1/);
  assert.throws(() => nextTokenFigure([[1, 2]] as unknown as number[], ["a", "b"]), /'logits' debe tener forma \[V\]/);
});

test("curvas de pérdida desde listas o desde puntos {step, loss}", () => {
  const fig = lossCurveFigure({ train: [3, 2, 1.5], val: [{ step: 3, loss: 1.8 }] });
  assert.equal(fig.data.length, 2);
  assert.deepEqual([fig.data[0].x, fig.data[0].y], [[1, 2, 3], [3, 2, 1.5]]);
  assert.deepEqual([fig.data[1].name, fig.data[1].x, fig.data[1].y], ["validación", [3], [1.8]]);
  assert.equal((fig.layout.yaxis as { type?: string }).type, undefined);
  assert.equal((lossCurveFigure({ train: [1] }, { logY: true }).layout.yaxis as { type?: string }).type, "log");
  assert.throws(() => lossCurveFigure({} as { train: number[] }), /'history' debe ser \{train, val\?\}/);
  const logLog = lineChartFigure([{ name: "v", x: [1, 10, 100], y: [1, 10, 100] }], { logX: true, logY: true }).layout;
  assert.deepEqual([(logLog.xaxis as { type?: string }).type, (logLog.yaxis as { type?: string }).type], ["log", "log"]);
});

test("gráfico de líneas: x común o propia, y longitudes comprobadas", () => {
  const fig = lineChartFigure([{ name: "a", y: [1, 2] }, { name: "b", y: [3], x: [5] }], { x: [10, 20], yRange: [0, 4] });
  assert.deepEqual([fig.data[0].x, fig.data[1].x], [[10, 20], [5]]);
  assert.deepEqual((fig.layout.yaxis as { range: number[] }).range, [0, 4]);
  assert.throws(() => lineChartFigure([{ name: "a", y: [1, 2, 3] }], { x: [1] }), /la serie 'a' tiene 3 valores de y pero 1 de x/);
  assert.throws(() => lineChartFigure([]), /'series' debe ser una lista no vacía/);
  assert.throws(() => lineChartFigure([{ name: "a", y: [1, NaN] }]), /números finitos/);
});

test("mapa 2-D de vectores: PCA, una traza por grupo, etiquetas, sin fugas", () => {
  // Points on the line (1, 2)·s: the first component explains all the variance.
  const x = tf.tensor2d([[1, 2], [2, 4], [3, 6], [-1, -2]]);
  const fig = assertNoLeak(() => embeddingMapFigure(x, ["a", "b", "c", "d"], { groups: ["g", "g", "h", "h"] }));
  x.dispose();
  assert.deepEqual(fig.data.map((t) => t.name), ["g", "h"]);
  assert.deepEqual(fig.data[0].text, ["a", "b"]);
  const mean = 1.25 * Math.sqrt(5);
  assertClose(fig.data[0].x as number[], [Math.sqrt(5) - mean, 2 * Math.sqrt(5) - mean], 1e-9);
  assertClose(fig.data[0].y as number[], [0, 0], 1e-9);
  assert.match((fig.layout.xaxis as { title: { text: string } }).title.text, /100.0 %/);
  assert.throws(() => embeddingMapFigure([[1, 2], [3, 4]], ["a"]), /'labels' debe tener 2 etiquetas/);
  assert.throws(() => embeddingMapFigure([[1], [2]], ["a", "b"]), /al menos 2 vectores de 2 o más dimensiones/);
  assert.throws(() => embeddingMapFigure([[1, 2], [3, 4]], ["a", "b"], { groups: ["g"] }), /'groups' debe tener 2 grupos/);
});
