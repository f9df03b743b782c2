import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as math from "mathjs";
import { tf, ready } from "./backend";

before(ready);
import { captureOutputs } from "./display";
import { matrixToLatex, matrixToText, showLatex } from "./latex";
import { assertNoLeak } from "./testing";

test("números: enteros tal cual, decimales redondeados sin ceros de más", () => {
  assert.equal(matrixToLatex([[1, -2], [0.25, 1 / 3]]), "\\begin{bmatrix} 1 & -2 \\\\ 0.25 & 0.3333 \\end{bmatrix}");
  assert.equal(matrixToLatex([[1 / 3, -1e-9]], { digits: 2, env: "pmatrix" }), "\\begin{pmatrix} 0.33 & 0 \\end{pmatrix}");
  assert.equal(matrixToLatex([1, 2, 3]), "\\begin{bmatrix} 1 & 2 & 3 \\end{bmatrix}");
  assert.equal(matrixToLatex([1, 2], { column: true }), "\\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}");
  assert.equal(matrixToLatex([[Infinity, "e^{2}"]]), "\\begin{bmatrix} \\infty & e^{2} \\end{bmatrix}");
});

test("fracciones exactas de mathjs, también en matrices calculadas (inversa)", () => {
  const A = math.matrix([[math.fraction(1, 2), math.fraction(1, 3)], [math.fraction(1, 4), math.fraction(2, 5)]]);
  assert.equal(matrixToLatex(A), "\\begin{bmatrix} \\frac{1}{2} & \\frac{1}{3} \\\\ \\frac{1}{4} & \\frac{2}{5} \\end{bmatrix}");
  // det A = 1/5 − 1/12 = 7/60, so A⁻¹ = (60/7)·[[2/5, −1/3], [−1/4, 1/2]] = [[24/7, −20/7], [−15/7, 30/7]].
  const inv = math.inv(A);
  assert.equal(matrixToLatex(inv), "\\begin{bmatrix} \\frac{24}{7} & -\\frac{20}{7} \\\\ -\\frac{15}{7} & \\frac{30}{7} \\end{bmatrix}");
  assert.equal(matrixToText(inv), "[  24/7  -20/7 ]\n[ -15/7   30/7 ]");
  assert.equal(matrixToLatex([[math.fraction(6, 3), math.bignumber("0.1")]]), "\\begin{bmatrix} 2 & 0.1 \\end{bmatrix}");
});

test("tensores sin fugas; errores claros", () => {
  const t = tf.tensor2d([[1, 2], [3, 4.5]]);
  assert.equal(assertNoLeak(() => matrixToLatex(t)), "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4.5 \\end{bmatrix}");
  t.dispose();
  assert.throws(() => matrixToLatex([[1, 2], [3]]), /todas las filas deben tener 2 entradas, y la fila 1 tiene 1/);
  assert.throws(() => matrixToLatex([]), /la matriz está vacía/);
  assert.throws(() => matrixToLatex([[{}]] as unknown as number[][]), /cada entrada debe ser un número, una fracción de mathjs o un texto LaTeX/);
  const cube = tf.zeros([1, 1, 1]);
  assert.throws(() => matrixToLatex(cube), /1 o 2 dimensiones, y tiene forma \[1, 1, 1\]/);
  cube.dispose();
});

test("showLatex envía text/latex entre $$ y un texto alineado", () => {
  const outs = captureOutputs(() => {
    showLatex([[math.fraction(1, 2), 1]], { prefix: "M = " });
    showLatex("\\frac{e^{z_i}}{\\sum_j e^{z_j}}");
  });
  assert.deepEqual(outs[0].bundle, { "text/latex": "$$M = \\begin{bmatrix} \\frac{1}{2} & 1 \\end{bmatrix}$$", "text/plain": "M =\n[ 1/2  1 ]" });
  assert.equal(outs[1].bundle["text/latex"], "$$\\frac{e^{z_i}}{\\sum_j e^{z_j}}$$");
});
