import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "../backend";
import { assertClose, assertNoLeak } from "../testing";
import { svdEmbeddings, truncatedSvd } from "./svd";

before(ready);

const A = [
  [3, 1, 2],
  [1, 0, 1],
  [2, 2, 0],
  [0, 1, 1],
  [1, 1, 1],
];

test("SVD truncada contra numpy (valores y vectores, signos fijados)", () => {
  const { u, s, v } = assertNoLeak(() => truncatedSvd(A, 3));
  // numpy.linalg.svd(A), with each column of U flipped so its largest entry is positive.
  assertClose(s, [4.94864884, 1.73205081, 1.22917643], 1e-7);
  assertClose(
    u.map((r) => [r[0], r[2]]),
    [
      [0.739951034, -0.246131217],
      [0.246650345, -0.0820437389],
      [0.493300689, -0.164087478],
      [0.183646633, 0.881524092],
      [0.338473661, 0.358718307],
    ],
    1e-7,
  );
  assertClose(
    v.map((r) => [r[0], r[2]]),
    [
      [0.76618459, -0.64262055],
      [0.45440135, 0.54177432],
      [0.45440135, 0.54177432],
    ],
    1e-7,
  );
  // U diag(s) Vᵀ rebuilds A, and the columns of U are orthonormal.
  const rebuilt = A.map((_, i) => A[0].map((__, j) => s.reduce((acc, sk, k) => acc + u[i][k] * sk * v[j][k], 0)));
  assertClose(rebuilt, A, 1e-9);
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) assertClose(u.reduce((acc, r) => acc + r[a] * r[b], 0), a === b ? 1 : 0, 1e-9);
});

test("k = 1 da la mejor aproximación de rango 1; misma semilla, mismo resultado", () => {
  const one = truncatedSvd(A, 1, { seed: 9 });
  assertClose(one.s, [4.94864884], 1e-7);
  assert.deepEqual(truncatedSvd(A, 2, { seed: 3 }), truncatedSvd(A, 2, { seed: 3 }));
  // A rank-1 matrix a·bᵀ with a = (2, 1, 0), b = (1, 2): one non-zero singular value, ‖a‖·‖b‖ = √5·√5.
  const r1 = truncatedSvd([[2, 4], [1, 2], [0, 0]], 2);
  assertClose(r1.s, [5, 0], 1e-9);
  assertClose(r1.v.map((r) => r[1]), [0, 0], 0);
});

test("svdEmbeddings = U_k · diag(s_k)^0.5; errores en español", () => {
  const e = svdEmbeddings(A, 2);
  const { u, s } = truncatedSvd(A, 2);
  assertClose(e, u.map((r) => r.map((x, j) => x * Math.sqrt(s[j]))), 1e-12);
  assertClose(svdEmbeddings(A, 2, { power: 0 }), u, 1e-12);
  assert.throws(() => truncatedSvd(A, 4), /truncatedSvd: 'k' debe ser un entero entre 1 y 3, y es 4/);
  assert.throws(() => truncatedSvd([], 1), /'matrix' debe ser una matriz no vacía/);
  assert.throws(() => truncatedSvd([[1, 2], [3]], 1), /'matrix' debe ser una matriz no vacía de números/);
});
