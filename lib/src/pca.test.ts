import { before, test } from "node:test";
import assert from "node:assert/strict";
import * as math from "mathjs";
import { tf, ready } from "./backend";

before(ready);
import { pca, symmetricEigen } from "./pca";
import { Rng } from "./random";
import { assertClose, assertNoLeak } from "./testing";

test("eigen de una matriz simétrica 2×2, a mano", () => {
  // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
  const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
  assertClose(values, [3, 1], 1e-12);
  const s = Math.SQRT1_2;
  assertClose(vectors[0].map(Math.abs), [s, s], 1e-12);
  assertClose(Math.abs(vectors[1][0] + vectors[1][1]), 0, 1e-12);
});

test("puntos sobre una recta: una sola dirección con toda la varianza", () => {
  // x = s·(1, 2) with s = −1, 0, 1, 2 → mean s = 0.5, variance of s (n − 1) = 5/3, along (1, 2)/√5 ×√5.
  const r = pca([[-1, -2], [0, 0], [1, 2], [2, 4]], 2);
  assertClose(r.mean, [0.5, 1], 1e-12);
  assertClose(r.components[0], [1 / Math.sqrt(5), 2 / Math.sqrt(5)], 1e-12);
  assertClose(r.explainedVariance, [(5 * 5) / 3, 0], 1e-9);
  assertClose(r.explainedVarianceRatio, [1, 0], 1e-12);
  assertClose(r.projected.map((p) => p[0]), [-1.5, -0.5, 0.5, 1.5].map((s) => s * Math.sqrt(5)), 1e-9);
});

test("coincide con los autovalores de mathjs, por la covarianza (n > d) y por la matriz de Gram (n < d)", () => {
  const rng = new Rng(3);
  for (const [n, d] of [[30, 5], [4, 9]]) {
    const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal() * (1 + rng.next())));
    const r = pca(x, 3);
    const mean = x[0].map((_, j) => x.reduce((s, row) => s + row[j], 0) / n);
    const xc = x.map((row) => row.map((v, j) => v - mean[j]));
    const cov = math.divide(math.multiply(math.transpose(xc), xc), n - 1) as number[][];
    const reference = (math.eigs(cov).values as number[]).slice().sort((a, b) => b - a);
    assertClose(r.explainedVariance, reference.slice(0, 3).map((v) => Math.max(v, 0)), 1e-9, 1e-9, `n=${n}, d=${d}:`);
    const total = reference.reduce((s, v) => s + Math.max(v, 0), 0);
    assertClose(r.explainedVarianceRatio, r.explainedVariance.map((v) => v / total), 1e-9);
    // Orthonormal directions, largest entry positive; the projections have those variances.
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = r.components[a].reduce((s, v, i) => s + v * r.components[b][i], 0);
        assertClose(dot, a === b ? 1 : 0, 1e-9);
      }
      const c = r.components[a];
      assert.ok(c[c.map(Math.abs).indexOf(Math.max(...c.map(Math.abs)))] > 0);
      const col = r.projected.map((p) => p[a]);
      const variance = col.reduce((s, v) => s + v * v, 0) / (n - 1);
      assertClose(variance, r.explainedVariance[a], 1e-9, 1e-9);
    }
  }
});

test("acepta tensores sin fugas y rechaza entradas malas", () => {
  const t = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
  const r = assertNoLeak(() => pca(t, 1));
  t.dispose();
  assert.equal(r.projected.length, 3);
  assert.equal(r.components.length, 1);
  assert.throws(() => pca([[1, 2]]), /al menos 2 puntos/);
  assert.throws(() => pca([[1, 2], [3, 4]], 3), /'k' debe ser un entero entre 1 y 2, y es 3/);
  assert.throws(() => pca([1, 2] as unknown as number[][]), /'x' debe tener forma \[n, d\]/);
});
