import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";

before(ready);
import { captureOutputs } from "./display";
import { attentionGridFigure, attentionHeatmapFigure, matrixHeatmapFigure, plotAttention, positionalEncodingFigure } from "./heatmaps";
import { assertClose, assertNoLeak } from "./testing";

const W = [
  [1, 0, 0],
  [0.5, 0.5, 0],
  [0.2, 0.3, 0.5],
];
type Axis = { tickvals: number[]; ticktext: string[]; autorange?: string; automargin?: boolean; title: { text: string } };

test("un mapa de calor de una cabeza: pesos, fichas en los ejes y valores en las celdas", () => {
  const fig = attentionHeatmapFigure(W, { queryTokens: ["el", "perro", "el"], kind: "decoder" });
  assert.equal(fig.data.length, 1);
  const t = fig.data[0];
  assert.equal(t.type, "heatmap");
  assert.deepEqual(t.z, W);
  assert.deepEqual(t.x, [0, 1, 2], "ejes numéricos: las fichas repetidas conservan su columna");
  assert.deepEqual((t.customdata as string[][][])[1][2], ["perro", "el"]);
  const x = fig.layout.xaxis as Axis;
  const y = fig.layout.yaxis as Axis;
  assert.deepEqual(x.ticktext, ["el", "perro", "el"]);
  assert.equal(y.autorange, "reversed", "la primera consulta arriba");
  assert.match((fig.layout.title as { text: string }).text, /enmascarada/);
  const notes = fig.layout.annotations as { text: string; x: number; y: number }[];
  assert.equal(notes.length, 9);
  assert.deepEqual(notes[5], { ...notes[5], x: 2, y: 1, text: "0.00" });
  assert.equal(notes[8].text, "0.50");
});

test("atención cruzada: filas del decodificador, columnas del codificador; las fichas se escapan", () => {
  const w = [
    [0.7, 0.2, 0.1],
    [0.1, 0.1, 0.8],
  ];
  const fig = attentionHeatmapFigure(w, { queryTokens: ["<s>", "Riley"], keyTokens: ["Riley", "is", "</s>"], kind: "cross" });
  assert.deepEqual((fig.layout.yaxis as Axis).ticktext, ["&lt;s&gt;", "Riley"]);
  assert.deepEqual((fig.layout.xaxis as Axis).ticktext, ["Riley", "is", "&lt;/s&gt;"]);
  assert.match((fig.layout.yaxis as Axis).title.text, /decodificador/);
  assert.match((fig.layout.xaxis as Axis).title.text, /codificador/);
  // Long labels (whole words) make room for themselves instead of covering the axis titles.
  assert.equal((fig.layout.yaxis as Axis).automargin, true);
  assert.equal((fig.layout.xaxis as Axis).automargin, true);
  assert.equal((fig.layout.annotations as unknown[]).length, 6);
});

test("acepta tensores sin fugas y rechaza entradas malas con mensajes en español", () => {
  const w = tf.tensor2d(W);
  const fig = assertNoLeak(() => attentionHeatmapFigure(w, { queryTokens: ["a", "b", "c"] }));
  assertClose(fig.data[0].z as number[][], W, 1e-7);
  w.dispose();
  assert.throws(() => attentionHeatmapFigure(W, { queryTokens: ["a", "b"] }), /'queryTokens' debe tener 3 fichas \(una por fila de los pesos, Tq = 3\), y tiene 2/);
  assert.throws(() => attentionHeatmapFigure(W, { queryTokens: ["a", "b", "c"], keyTokens: ["x"] }), /'keyTokens' debe tener 3 fichas/);
  assert.throws(() => attentionHeatmapFigure([[1, 2], [3]], { queryTokens: ["a", "b"] }), /'weights' debe ser rectangular/);
  assert.throws(() => attentionHeatmapFigure([[[1]]] as unknown as number[][], { queryTokens: ["a"] }), /'weights' debe tener forma \[Tq, Tk\] \(una fila por consulta\), pero tiene forma \[1, 1, 1\]/);
  assert.throws(() => attentionHeatmapFigure([[2.5, -1]], { queryTokens: ["a"], keyTokens: ["x", "y"] }), /entre 0 y 1 \(después de la softmax\).*fila 0, columna 0 hay 2.5/);
  assert.throws(() => attentionHeatmapFigure(W, { queryTokens: ["a", "b", "c"], kind: "cross" }), /hace falta 'keyTokens'/);
  assert.throws(() => attentionHeatmapFigure(W, { queryTokens: ["a", "b", "c"], kind: "self" as "encoder" }), /'kind' debe ser uno de "encoder", "decoder", "cross"/);
  assert.throws(() => attentionHeatmapFigure([[NaN]], { queryTokens: ["a"] }), /números finitos/);
});

test("rejilla capas × cabezas desde tensores [B, H, Tq, Tk], eligiendo la frase del lote", () => {
  const layers = [
    tf.tensor4d([0.9, 0.1, 0.2, 0.8, 0.6, 0.4, 0.3, 0.7, /* frase 1 */ 1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5], [2, 2, 2, 2]),
    tf.tensor4d([0.1, 0.9, 0.4, 0.6, 0.5, 0.5, 0.25, 0.75, /* frase 1 */ 0, 1, 1, 0, 0.5, 0.5, 0.5, 0.5], [2, 2, 2, 2]),
  ];
  const fig = assertNoLeak(() => attentionGridFigure(layers, { queryTokens: ["a", "b"], batchIndex: 1 }));
  assert.equal(fig.data.length, 4, "2 capas × 2 cabezas");
  assert.deepEqual(fig.data[0].z, [[1, 0], [0, 1]]);
  assert.deepEqual(fig.data[2].z, [[0, 1], [1, 0]]);
  assert.deepEqual([fig.data[0].xaxis, fig.data[3].xaxis, fig.data[3].yaxis], ["x", "x4", "y4"]);
  const titles = (fig.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.deepEqual(titles, ["capa 0 · cabeza 0", "capa 0 · cabeza 1", "capa 1 · cabeza 0", "capa 1 · cabeza 1"]);
  assert.equal((fig.layout.xaxis4 as { showticklabels: boolean }).showticklabels, true, "fichas solo en la última fila");
  assert.equal((fig.layout.xaxis as { showticklabels: boolean }).showticklabels, false);
  // A [H, Tq, Tk] array works too; shapes must agree between layers.
  const arrays = attentionGridFigure([[[[1, 0], [0, 1]]]], { queryTokens: ["a", "b"] });
  assert.equal(arrays.data.length, 1);
  assert.throws(() => attentionGridFigure(layers, { queryTokens: ["a", "b"], batchIndex: 2 }), /'batchIndex' debe ser un entero entre 0 y 1 \(B = 2\), y es 2/);
  assert.throws(() => attentionGridFigure([layers[0], [[[1]]]], { queryTokens: ["a", "b"] }), /misma forma \[H, Tq, Tk\] = \[2, 2, 2\], y la capa 1 tiene \[1, 1, 1\]/);
  assert.throws(() => attentionGridFigure([], { queryTokens: [] }), /'layers' debe ser una lista/);
  tf.dispose(layers);
});

test("plotAttention envía la figura al cuaderno", () => {
  const outs = captureOutputs(() => plotAttention(W, { queryTokens: ["a", "b", "c"] }));
  assert.equal(outs.length, 1);
  assert.ok("application/vnd.plotly.v1+json" in outs[0].bundle);
});

test("codificación posicional: una fila por posición, escala de −1 a 1", () => {
  const pe = [
    [0, 1, 0, 1],
    [Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)],
  ];
  const fig = positionalEncodingFigure(pe);
  assert.deepEqual(fig.data[0].z, pe);
  assert.deepEqual([fig.data[0].zmin, fig.data[0].zmax], [-1, 1]);
  assert.deepEqual(fig.data[0].x, [0, 1, 2, 3]);
  assert.match((fig.layout.title as { text: string }).text, /2 posiciones × 4 dimensiones/);
  assert.throws(() => positionalEncodingFigure([1, 2] as unknown as number[][]), /'pe' debe tener forma \[maxLen, dModel\]/);
});

test("mapa de calor de una matriz cualquiera: etiquetas, valores impresos y errores", () => {
  const fig = matrixHeatmapFigure([[2, 0, 1], [0, 3, 0.5]], { rowLabels: ["d1", "d2"], colLabels: ["el", "perro", "<s>"], title: "cuentas", digits: 1 });
  const trace = fig.data[0] as unknown as { z: number[][]; text: string[][] };
  assert.deepEqual(trace.z, [[2, 0, 1], [0, 3, 0.5]]); // rows need not sum to 1
  assert.deepEqual(trace.text, [["2.0", "0.0", "1.0"], ["0.0", "3.0", "0.5"]]);
  assert.deepEqual((fig.layout.xaxis as { ticktext: string[] }).ticktext, ["el", "perro", "&lt;s&gt;"]);
  assert.equal("text" in matrixHeatmapFigure([[1]], { rowLabels: ["a"], colLabels: ["b"], digits: null }).data[0], false);
  assert.throws(() => matrixHeatmapFigure([[1, 2]], { rowLabels: ["a", "b"], colLabels: ["x", "y"] }), /'rowLabels' debe tener 1 etiquetas/);
  assert.throws(() => matrixHeatmapFigure([[1, 2]], { rowLabels: ["a"], colLabels: ["x"] }), /'colLabels' debe tener 2 etiquetas/);
  const t = tf.tensor2d([[0.5, 1.5]]);
  assertNoLeak(() => matrixHeatmapFigure(t, { rowLabels: ["a"], colLabels: ["x", "y"] }));
  t.dispose();
});
