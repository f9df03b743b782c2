/**
 * Truncated SVD, for dense word vectors from a PPMI matrix (lesson 01).
 *
 * A ≈ U_k · diag(s_k) · V_kᵀ with the k largest singular values. Method (randomised range finder,
 * Halko, Martinsson & Tropp, 2011): Y = A·Ω for a seeded Gaussian Ω with k + oversample columns,
 * a few power iterations Y ← A·(Aᵀ·Y) with re-orthonormalisation, Q = orth(Y); then the small
 * matrix B = Qᵀ·A is decomposed exactly through the eigenvectors W of B·Bᵀ (cyclic Jacobi):
 * s = √eigenvalues, U = Q·W, V = Bᵀ·W / s. Signs are fixed so that each column of U has its
 * largest-magnitude entry positive. Plain TypeScript in float64.
 *
 * Word vectors from PPMI (Levy, Goldberg & Dagan, 2015): rows of U_k · diag(s_k)^p, p = 0.5 is a
 * good default (`svdEmbeddings`).
 */
import { AtencionError, checkInt, checkNumber, describe } from "../errors";
import { COURSE_SEED, Rng } from "../random";

/** Options of `truncatedSvd` (lesson 01). */
export interface TruncatedSvdOptions {
  /** Power iterations; more gives more accurate small singular values. Default 8. */
  iterations?: number;
  /** Extra random directions beyond k. Default 10. */
  oversample?: number;
  /** Seed of the random start. Default `COURSE_SEED`. */
  seed?: number;
}

/** The result of `truncatedSvd` (lesson 01): u [m, k], s [k] (decreasing), v [n, k]. */
export interface TruncatedSvd {
  u: number[][];
  s: number[];
  v: number[][];
}

type Mat = { rows: number; cols: number; data: Float64Array };

const mat = (rows: number, cols: number): Mat => ({ rows, cols, data: new Float64Array(rows * cols) });

/** C = op(A) · B, where op(A) is A or Aᵀ. */
function matmul(a: Mat, b: Mat, transposeA = false): Mat {
  const m = transposeA ? a.cols : a.rows;
  const inner = transposeA ? a.rows : a.cols;
  const c = mat(m, b.cols);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < inner; p++) {
      const x = transposeA ? a.data[p * a.cols + i] : a.data[i * a.cols + p];
      if (x === 0) continue;
      const brow = p * b.cols;
      const crow = i * b.cols;
      for (let j = 0; j < b.cols; j++) c.data[crow + j] += x * b.data[brow + j];
    }
  }
  return c;
}

/** Orthonormalises the columns in place (modified Gram–Schmidt, twice); dependent columns become 0. */
function orthonormalize(y: Mat): Mat {
  const { rows, cols, data } = y;
  for (let j = 0; j < cols; j++) {
    let before = 0;
    for (let r = 0; r < rows; r++) before += data[r * cols + j] ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < j; q++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += data[r * cols + j] * data[r * cols + q];
        for (let r = 0; r < rows; r++) data[r * cols + j] -= dot * data[r * cols + q];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += data[r * cols + j] ** 2;
    const keep = norm > 1e-20 * Math.max(before, 1e-300);
    for (let r = 0; r < rows; r++) data[r * cols + j] = keep ? data[r * cols + j] / Math.sqrt(norm) : 0;
  }
  return y;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi: values (decreasing) and vectors (columns). */
function symmetricEigen(a: Mat): { values: number[]; vectors: Mat } {
  const n = a.rows;
  const A = Float64Array.from(a.data);
  const W = mat(n, n);
  for (let i = 0; i < n; i++) W.data[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += A[i * n + i] ** 2;
      for (let j = i + 1; j < n; j++) off += A[i * n + j] ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p];
          const akq = A[k * n + q];
          A[k * n + p] = c * akp - s * akq;
          A[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k];
          const aqk = A[q * n + k];
          A[p * n + k] = c * apk - s * aqk;
          A[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const wkp = W.data[k * n + p];
          const wkq = W.data[k * n + q];
          W.data[k * n + p] = c * wkp - s * wkq;
          W.data[k * n + q] = s * wkp + c * wkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[j * n + j] - A[i * n + i]);
  const vectors = mat(n, n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = W.data[k * n + src];
  });
  return { values: order.map((i) => A[i * n + i]), vectors };
}

/** The k largest singular values and vectors of a dense matrix (lesson 01); see the file comment. */
export function truncatedSvd(matrix: readonly (readonly number[])[], k: number, options: TruncatedSvdOptions = {}): TruncatedSvd {
  const where = "truncatedSvd";
  const cols = Array.isArray(matrix) && Array.isArray(matrix[0]) ? matrix[0].length : 0;
  if (cols === 0 || !matrix.every((row) => Array.isArray(row) && row.length === cols && row.every(Number.isFinite))) {
    throw new AtencionError(`${where}: 'matrix' debe ser una matriz no vacía de números (filas de igual longitud), y recibí ${describe(matrix)}.`);
  }
  const m = matrix.length;
  checkInt(where, "k", k, 1, Math.min(m, cols));
  const iterations = checkInt(where, "iterations", options.iterations ?? 8, 0);
  const oversample = checkInt(where, "oversample", options.oversample ?? 10, 0);
  const rng = new Rng(checkNumber(where, "seed", options.seed ?? COURSE_SEED));
  const A = mat(m, cols);
  matrix.forEach((row, i) => A.data.set(row, i * cols));

  const l = Math.min(k + oversample, m, cols);
  const omega = mat(cols, l);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = rng.normal();
  let Q = orthonormalize(matmul(A, omega)); // [m, l]
  for (let it = 0; it < iterations; it++) {
    const Z = orthonormalize(matmul(A, Q, true)); // [n, l]
    Q = orthonormalize(matmul(A, Z)); // [m, l]
  }
  const B = matmul(Q, A, true); // [l, n]
  const BBt = mat(l, l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let dot = 0;
      for (let p = 0; p < cols; p++) dot += B.data[i * cols + p] * B.data[j * cols + p];
      BBt.data[i * l + j] = dot;
      BBt.data[j * l + i] = dot;
    }
  }
  const { values, vectors: W } = symmetricEigen(BBt); // W [l, l]
  const U = matmul(Q, W); // [m, l]
  const Vt = matmul(W, B, true); // [l, n]: row j = (Bᵀ·w_j)ᵀ
  const s = values.slice(0, k).map((x) => Math.sqrt(Math.max(0, x)));
  const u = Array.from({ length: m }, () => new Array<number>(k).fill(0));
  const v = Array.from({ length: cols }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    let big = 0;
    for (let i = 0; i < m; i++) if (Math.abs(U.data[i * l + j]) > Math.abs(big)) big = U.data[i * l + j];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < m; i++) u[i][j] = sign * U.data[i * l + j];
    for (let i = 0; i < cols; i++) v[i][j] = s[j] > 1e-12 ? (sign * Vt.data[j * cols + i]) / s[j] : 0;
  }
  return { u, s, v };
}

/** Word vectors from a (PPMI) matrix: the rows of U_k · diag(s_k)^power (lesson 01). Default power 0.5. */
export function svdEmbeddings(
  matrix: readonly (readonly number[])[],
  k: number,
  options: TruncatedSvdOptions & { power?: number } = {},
): number[][] {
  const power = checkNumber("svdEmbeddings", "power", options.power ?? 0.5, 0, 1);
  const { u, s } = truncatedSvd(matrix, k, options);
  const scale = s.map((x) => x ** power);
  return u.map((row) => row.map((x, j) => x * scale[j]));
}
