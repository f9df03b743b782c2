import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertClose, assertNoLeak } from "../testing";
import { cooccurrenceMatrix, ppmi } from "./cooccurrence";

before(ready);

test("co-ocurrencias con ventana 1 y 2, ponderación armónica, documentos separados", () => {
  // a b a c, window 1: pairs (a,b) (b,a) (b,a) (a,b) (a,c) (c,a).
  const c1 = assertNoLeak(() => cooccurrenceMatrix([["a", "b", "a", "c"]], { window: 1 }));
  assert.deepEqual(c1.vocabulary, ["a", "b", "c"]);
  assert.deepEqual(c1.matrix, [
    [0, 2, 1],
    [2, 0, 0],
    [1, 0, 0],
  ]);
  // Window 2 adds (a0, a2) twice → C[a][a] = 2, and (b1, c3) both ways.
  assert.deepEqual(cooccurrenceMatrix([["a", "b", "a", "c"]], { window: 2 }).matrix, [
    [2, 2, 1],
    [2, 0, 1],
    [1, 1, 0],
  ]);
  assert.deepEqual(cooccurrenceMatrix([["a", "b", "a", "c"]], { window: 2, weighting: "harmonic" }).matrix, [
    [1, 2, 1],
    [2, 0, 0.5],
    [1, 0.5, 0],
  ]);
  // No window crosses from one document to the next.
  assert.deepEqual(cooccurrenceMatrix([["a"], ["b"]]).matrix, [
    [0, 0],
    [0, 0],
  ]);
  // Out-of-vocabulary tokens keep their place: "x" separates a and b by 2 positions.
  assert.deepEqual(cooccurrenceMatrix([["a", "x", "b"]], { vocabulary: ["a", "b"], window: 1 }).matrix, [
    [0, 0],
    [0, 0],
  ]);
  assert.deepEqual(cooccurrenceMatrix([["a", "x", "b", "a"]], { minCount: 2, window: 3 }).vocabulary, ["a"]);
  assert.throws(() => cooccurrenceMatrix([["a"]], { window: 0 }), /'window' debe ser un entero ≥ 1, y es 0/);
  assert.throws(() => cooccurrenceMatrix([["a"]], { weighting: "gauss" as "count" }), /'weighting' debe ser uno de/);
});

test("PPMI contra cálculo a mano", () => {
  // C = [[0,2,1],[2,0,0],[1,0,0]], N = 6, row and column sums 3, 2, 1:
  // PMI(a,b) = log2((2/6) / ((3/6)(2/6))) = log2 2 = 1; PMI(a,c) = log2((1/6) / ((3/6)(1/6))) = 1.
  const p = assertNoLeak(() =>
    ppmi([
      [0, 2, 1],
      [2, 0, 0],
      [1, 0, 0],
    ]),
  );
  assertClose(p, [
    [0, 1, 1],
    [1, 0, 0],
    [1, 0, 0],
  ], 1e-12);
  // C = [[2,6],[1,1]], N = 10: PMI(0,0) = log2(0.2 / (0.8 · 0.3)) < 0 → 0; PMI(0,1) = log2(0.6 / (0.8 · 0.7));
  // PMI(1,0) = log2(0.1 / (0.2 · 0.3)); PMI(1,1) = log2(0.1 / (0.2 · 0.7)) < 0 → 0. Numbers checked with numpy.
  const C = [
    [2, 6],
    [1, 1],
  ];
  assertClose(ppmi(C), [[0, Math.log2(0.6 / 0.56)], [Math.log2(0.1 / 0.06), 0]], 1e-12);
  assertClose(ppmi(C), [[0, 0.09953567], [0.73696559, 0]], 1e-8);
  // α = 0.75: P(c) ∝ colSum^0.75.
  assertClose(ppmi(C, { alpha: 0.75 }), [[0, 0.19819679], [0.53002861, 0]], 1e-8);
  assert.throws(() => ppmi([[1, -1]]), /ppmi: 'counts' debe ser una matriz .* de números ≥ 0/);
  assert.throws(() => ppmi([[1, 2], [3]]), /'counts' debe ser una matriz/);
  assert.throws(() => ppmi(C, { alpha: 2 }), /'alpha' debe ser un número entre 0 y 1, y es 2/);
});
