/**
 * Scaled dot-product attention (lessons 03–04) and its masks.
 *
 *   Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V
 *
 * Masks follow one rule across the course: `1`/`true` means *may attend*, `0`/`false` means
 * *blocked*. Blocked scores are replaced by a large negative number *before* the softmax, so every
 * row of weights still sums to 1. A row where every key is blocked gets uniform weights (1/Tk),
 * never NaN.
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkNumber, formatShape } from "./errors";
import type { Dropout } from "./dropout";
import { checkBroadcastable, checkTensorRank } from "./shape_checks";

/** The score given to blocked positions (lesson 04): exp(−1e9 − max) is exactly 0 in float32. */
export const MASKED_SCORE = -1e9;

/** Options of `scaledDotProductAttention`. */
export interface AttentionOptions {
  /**
   * `true` (default) divides the scores by √d_k; `false` leaves them unscaled (lesson 03 shows why
   * that hurts); a number multiplies the scores by that factor.
   */
  scale?: boolean | number;
  /** Dropout applied to the weights before they multiply V (only while it is in training mode). */
  dropout?: Dropout;
}

/** The result of attention: the mixed values and the weights that mixed them. */
export type AttentionResult = {
  /** `[..., Tq, dv]`. */
  output: tf.Tensor;
  /** `[..., Tq, Tk]`, each row sums to 1 (before any dropout). */
  weights: tf.Tensor;
}

const WHERE = "scaledDotProductAttention";

/** The factor the scores are multiplied by, from `opts.scale` and d_k. */
function scaleFactor(where: string, scale: boolean | number | undefined, dk: number): number {
  if (scale === undefined || scale === true) return 1 / Math.sqrt(dk);
  if (scale === false) return 1;
  return checkNumber(where, "opts.scale", scale);
}

/** Checks q [..., Tq, dk], k [..., Tk, dk], v [..., Tk, dv] and a mask broadcastable to [..., Tq, Tk]. */
function checkAttentionInputs(where: string, q: unknown, k: unknown, v: unknown, mask: unknown): number[] {
  checkTensorRank(where, "q", q, [2, 3, 4, 5], "[..., Tq, dk]");
  checkTensorRank(where, "k", k, q.shape.length, `[..., Tk, dk] (${q.shape.length} dimensiones, como q)`);
  checkTensorRank(where, "v", v, q.shape.length, `[..., Tk, dv] (${q.shape.length} dimensiones, como q)`);
  const r = q.shape.length;
  const lead = q.shape.slice(0, r - 2);
  const same = (t: { shape: readonly number[] }) => lead.every((d, i) => t.shape[i] === d);
  const [tq, dk] = q.shape.slice(r - 2);
  if (!same(k) || k.shape[r - 1] !== dk) {
    throw new AtencionError(
      `${where}: 'k' debe tener forma ${formatShape([...lead, "Tk", dk])} (la de q es ${formatShape(q.shape)}), pero tiene forma ${formatShape(k.shape)}.`,
    );
  }
  const tk = k.shape[r - 2];
  if (!same(v) || v.shape[r - 2] !== tk) {
    throw new AtencionError(
      `${where}: 'v' debe tener forma ${formatShape([...lead, tk, "dv"])} (la de k es ${formatShape(k.shape)}), pero tiene forma ${formatShape(v.shape)}.`,
    );
  }
  const scores = [...lead, tq, tk];
  if (mask !== undefined) checkBroadcastable(where, "mask", mask, scores, "[..., Tq, Tk]");
  return scores;
}

/** A mask as booleans: `true` where attention is allowed. */
function toBool(mask: tf.Tensor): tf.Tensor {
  return mask.dtype === "bool" ? mask : tf.notEqual(mask, 0);
}

/**
 * Replaces blocked scores by `MASKED_SCORE` (mask broadcast to the scores' shape):
 * scores · m + (m − 1) · |MASKED_SCORE| with m = 1 (allowed) or 0 (blocked), which is exactly
 * `where(m, scores, MASKED_SCORE)`. Written with `mul`/`add`, which broadcast natively: `tf.where`
 * first tiles the mask to the full [B, H, Tq, Tk], and the wasm Tile kernel is slow.
 */
function applyMask(scores: tf.Tensor, mask: tf.Tensor | undefined): tf.Tensor {
  if (mask === undefined) return scores;
  const allowed = toBool(mask).cast("float32"); // 1 = may attend, 0 = blocked
  return scores.mul(allowed).add(allowed.sub(1).mul(-MASKED_SCORE));
}

/**
 * `softmax(q·kᵀ · scale + mask) · v` (lessons 03–04; the pinned attention API).
 *
 * @param q queries `[..., Tq, dk]`
 * @param k keys `[..., Tk, dk]`
 * @param v values `[..., Tk, dv]`
 * @param mask broadcastable to `[..., Tq, Tk]`; 1/true = may attend, 0/false = blocked
 * @returns `{ output [..., Tq, dv], weights [..., Tq, Tk] }`
 */
export function scaledDotProductAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask?: tf.Tensor,
  opts: AttentionOptions = {},
): AttentionResult {
  checkAttentionInputs(WHERE, q, k, v, mask);
  const factor = scaleFactor(WHERE, opts.scale, q.shape[q.shape.length - 1]);
  return tf.tidy(() => {
    let scores = tf.matMul(q, k, false, true); // [..., Tq, Tk]
    if (factor !== 1) scores = scores.mul(factor);
    const weights = tf.softmax(applyMask(scores, mask)); // [..., Tq, Tk], over the keys
    const mixing = opts.dropout !== undefined ? opts.dropout.forward(weights) : weights;
    const output = tf.matMul(mixing, v); // [..., Tq, dv]
    return { output, weights };
  });
}

/**
 * The same attention written as a loop over the queries (lesson 03): for each query i, score it
 * against every key, softmax the scores, and average the values with those weights. Slow and
 * readable; tested equal to `scaledDotProductAttention` (no dropout).
 */
export function attentionLoop(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask?: tf.Tensor,
  opts: Omit<AttentionOptions, "dropout"> = {},
): AttentionResult {
  const where = "attentionLoop";
  const scoresShape = checkAttentionInputs(where, q, k, v, mask);
  const r = q.shape.length;
  const factor = scaleFactor(where, opts.scale, q.shape[r - 1]);
  return tf.tidy(() => {
    const fullMask = mask === undefined ? undefined : tf.broadcastTo(toBool(mask), scoresShape); // [..., Tq, Tk]
    const outputs: tf.Tensor[] = [];
    const weightRows: tf.Tensor[] = [];
    for (let i = 0; i < q.shape[r - 2]; i++) {
      const qi = tf.gather(q, [i], r - 2); // [..., 1, dk]: query i
      const scores = tf.sum(qi.mul(k), -1).mul(factor); // [..., Tk]: q_i · k_j for every key j
      const maskRow = fullMask === undefined ? undefined : tf.gather(fullMask, i, r - 2); // [..., Tk]
      const weights = tf.softmax(applyMask(scores, maskRow)); // [..., Tk]
      outputs.push(tf.sum(weights.expandDims(-1).mul(v), -2)); // [..., dv]: Σ_j w_j v_j
      weightRows.push(weights);
    }
    return { output: tf.stack(outputs, r - 2), weights: tf.stack(weightRows, r - 2) };
  });
}

/**
 * The causal ("look-ahead") mask (lesson 04): `[tq, tk]` with ones where key j ≤ query i, the
 * lower-triangular matrix. With `tk > tq` (new queries after `tk − tq` cached positions, as in
 * incremental decoding) query i sits at position `i + tk − tq` and sees keys up to there.
 */
export function causalMask(tq: number, tk: number = tq): tf.Tensor2D {
  checkInt("causalMask", "t", tq);
  checkInt("causalMask", "tk", tk, tq);
  const values = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = 0; j <= i + tk - tq; j++) values[i * tk + j] = 1;
  return tf.tensor2d(values, [tq, tk]);
}

/**
 * A key-padding mask `[B, T]` (lesson 04): 1 on real tokens, 0 on padding.
 * - `paddingMask(lengths, maxLen?)`: sequence b has `lengths[b]` real tokens, then padding up to
 *   `maxLen` (default: the longest length).
 * - `paddingMask(ids [B, T], padId)`: 1 wherever `ids` is not `padId`.
 */
export function paddingMask(lengths: number[], maxLen?: number): tf.Tensor2D;
export function paddingMask(ids: tf.Tensor | number[][], padId: number): tf.Tensor2D;
export function paddingMask(first: number[] | number[][] | tf.Tensor, second?: number): tf.Tensor2D {
  const where = "paddingMask";
  if (first instanceof tf.Tensor || (Array.isArray(first) && first.length > 0 && Array.isArray(first[0]))) {
    const padId = checkNumber(where, "padId", second);
    const ids = first instanceof tf.Tensor ? first : tf.tensor2d(first as number[][]);
    checkTensorRank(where, "ids", ids, 2, "[B, T]");
    const out = tf.tidy(() => tf.notEqual(ids, padId).cast("float32") as tf.Tensor2D); // [B, T]
    if (ids !== first) ids.dispose();
    return out;
  }
  if (!Array.isArray(first) || first.length === 0) {
    throw new AtencionError(`${where}: se espera una lista no vacía de longitudes, o ids [B, T] y padId.`);
  }
  const lengths = (first as number[]).map((n, b) => checkInt(where, `lengths[${b}]`, n, 0));
  const t = second === undefined ? Math.max(...lengths) : checkInt(where, "maxLen", second, Math.max(1, ...lengths));
  const values = new Float32Array(lengths.length * t);
  lengths.forEach((n, b) => values.fill(1, b * t, b * t + n));
  return tf.tensor2d(values, [lengths.length, t]);
}

/**
 * Combines an attention mask `[Tq, Tk]` or `[B, Tq, Tk]` with a key-padding mask `[B, Tk]` into one
 * mask for scores `[B, H, Tq, Tk]` (lesson 04): `[B, 1, Tq, Tk]` (1 where both allow). With only one
 * of them the result keeps size-1 axes: `[1, 1, Tq, Tk]`, `[B, 1, Tq, Tk]` or `[B, 1, 1, Tk]`.
 * Returns `undefined` when both are missing. Masks may be 0/1 numbers or booleans.
 */
export function combineMasks(mask?: tf.Tensor, keyPaddingMask?: tf.Tensor): tf.Tensor4D | undefined {
  const where = "combineMasks";
  if (mask !== undefined) checkTensorRank(where, "mask", mask, [2, 3], "[Tq, Tk] o [B, Tq, Tk]");
  if (keyPaddingMask !== undefined) checkTensorRank(where, "keyPaddingMask", keyPaddingMask, 2, "[B, Tk]");
  if (mask !== undefined && keyPaddingMask !== undefined) {
    const tk = mask.shape[mask.shape.length - 1];
    const b = keyPaddingMask.shape[0];
    if (keyPaddingMask.shape[1] !== tk || (mask.shape.length === 3 && mask.shape[0] !== b)) {
      throw new AtencionError(
        `${where}: 'keyPaddingMask' ${formatShape(keyPaddingMask.shape)} y 'mask' ${formatShape(mask.shape)} no encajan: ` +
          `se esperan [B, Tk] y [Tq, Tk] o [B, Tq, Tk] con el mismo B y el mismo Tk.`,
      );
    }
  }
  if (mask === undefined && keyPaddingMask === undefined) return undefined;
  return tf.tidy(() => {
    const asFloat = (m: tf.Tensor) => toBool(m).cast("float32");
    const attn =
      mask === undefined
        ? undefined
        : mask.shape.length === 2
          ? asFloat(mask).expandDims(0).expandDims(0) // [1, 1, Tq, Tk]
          : asFloat(mask).expandDims(1); // [B, 1, Tq, Tk]
    const keys = keyPaddingMask === undefined ? undefined : asFloat(keyPaddingMask).expandDims(1).expandDims(1); // [B, 1, 1, Tk]
    if (attn === undefined) return keys as tf.Tensor4D;
    if (keys === undefined) return attn as tf.Tensor4D;
    return attn.mul(keys) as tf.Tensor4D; // [B, 1, Tq, Tk]
  });
}
