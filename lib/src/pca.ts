/**
 * Principal component analysis, for 2-D maps of embeddings (lesson 01).
 *
 * The rows of X are points. After centring, the principal directions are the eigenvectors of the
 * covariance C = Xcᵀ Xc / (n − 1), by decreasing eigenvalue (the variance along each direction).
 * When there are fewer points than dimensions we diagonalise the smaller Gram matrix
 * G = Xc Xcᵀ / (n − 1) instead: if G u = λ u then C (Xcᵀ u) = λ (Xcᵀ u).
 * The symmetric eigenproblem is solved exactly with Jacobi rotations (the matrices are small).
 */
import { AtencionError, checkInt } from "./errors";
import { MatrixLike, toMatrix } from "./plain";

/** What `pca` returns (lesson 01). */
export interface PcaResult {
  /** The points in the new coordinates, `[n, k]`. */
  projected: number[][];
  /** The principal directions, `[k, d]`, unit length, largest entry positive. */
  components: number[][];
  /** The variance along each direction (eigenvalues of the covariance, with n − 1). */
  explainedVariance: number[];
  /** The share of the total variance along each direction (between 0 and 1). */
  explainedVarianceRatio: number[];
  /** The mean point, `[d]`, subtracted before projecting. */
  mean: number[];
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (lesson 01, for PCA).
 * Returns the eigenvalues in decreasing order and the matching unit eigenvectors (as rows).
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const m = matrix.length;
  const a = matrix.map((row) => row.slice());
  const v: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  const scale = a.reduce((s, row) => s + row.reduce((t, x) => t + x * x, 0), 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p][q] * a[p][q];
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        if (a[p][q] === 0) continue;
        // The rotation by φ with cot 2φ = θ zeroes a[p][q]; t = tan φ is the smaller root of t² + 2tθ − 1 = 0.
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const [akp, akq] = [a[k][p], a[k][q]];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const [apk, aqk] = [a[p][k], a[q][k]];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const [vkp, vkq] = [v[k][p], v[k][q]];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return { values: order.map((i) => a[i][i]), vectors: order.map((i) => v.map((row) => row[i])) };
}

function unitWithPositiveLargest(vec: number[]): number[] {
  const norm = Math.sqrt(vec.reduce((s, x) => s + x * x, 0));
  if (norm === 0) return vec.map(() => 0);
  let largest = 0;
  for (let i = 1; i < vec.length; i++) if (Math.abs(vec[i]) > Math.abs(vec[largest])) largest = i;
  const sign = vec[largest] < 0 ? -1 : 1;
  return vec.map((x) => (sign * x) / norm);
}

/**
 * Projects the rows of `x` (`[n, d]`, a tensor or arrays) on their `k` principal directions
 * (lesson 01: a 2-D map of embeddings). Deterministic: each direction has its largest entry positive.
 */
export function pca(x: MatrixLike, k = 2): PcaResult {
  const where = "pca";
  const rows = toMatrix(where, "x", x, "[n, d] (una fila por punto)");
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0].length;
  if (n < 2 || d < 1) throw new AtencionError(`${where}: 'x' necesita al menos 2 puntos y 1 dimensión, y tiene forma [${n}, ${d}].`);
  checkInt(where, "k", k, 1, Math.min(n, d));

  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const xc = rows.map((r) => r.map((v, j) => v - mean[j])); // [n, d]
  const dot = (u: readonly number[], w: readonly number[]) => u.reduce((s, ui, i) => s + ui * w[i], 0);

  let values: number[];
  let directions: number[][];
  if (d <= n) {
    const cols = Array.from({ length: d }, (_, j) => xc.map((r) => r[j])); // [d, n]
    const cov = cols.map((ci) => cols.map((cj) => dot(ci, cj) / (n - 1))); // [d, d]
    ({ values, vectors: directions } = symmetricEigen(cov));
  } else {
    const gram = xc.map((ri) => xc.map((rj) => dot(ri, rj) / (n - 1))); // [n, n]
    const eig = symmetricEigen(gram);
    values = eig.values;
    directions = eig.vectors.map((u) => Array.from({ length: d }, (_, j) => u.reduce((s, ui, i) => s + ui * xc[i][j], 0))); // Xcᵀ u
  }
  const total = values.reduce((s, l) => s + Math.max(l, 0), 0);
  const components = directions.slice(0, k).map(unitWithPositiveLargest);
  const explainedVariance = values.slice(0, k).map((l) => Math.max(l, 0));
  return {
    projected: xc.map((r) => components.map((c) => dot(r, c))),
    components,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((l) => (total > 0 ? l / total : 0)),
    mean,
  };
}
