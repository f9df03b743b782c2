/**
 * Choosing the next token from a language model's scores (lesson 10). Each function takes logits
 * `[V]` or `[B, V]` (one row per sequence) and is pure; the filters return new logits where the
 * excluded tokens get −∞, so that the softmax gives them probability exactly 0.
 *
 *   temperature T:  logits / T          T < 1 sharpens the distribution, T > 1 flattens it
 *   top-k:          keep the k highest scores
 *   top-p (nucleus): keep the fewest highest-probability tokens whose probabilities add up to ≥ p
 */
import { tf } from "./backend";
import { AtencionError, checkInt, checkNumber } from "./errors";
import { Rng } from "./random";
import { checkTensorRank } from "./shape_checks";

function checkLogits(where: string, logits: unknown): asserts logits is tf.Tensor1D | tf.Tensor2D {
  checkTensorRank(where, "logits", logits, [1, 2], "[V] o [B, V]");
}

/** `logits / temperature` (lesson 10); the temperature must be > 0 (use the argmax for T → 0). */
export function applyTemperature<T extends tf.Tensor1D | tf.Tensor2D>(logits: T, temperature: number): T {
  const where = "applyTemperature";
  checkLogits(where, logits);
  checkNumber(where, "temperature", temperature, 0);
  if (temperature === 0) throw new AtencionError(`${where}: 'temperature' debe ser mayor que 0 (con 0, elige el máximo: argMax).`);
  return tf.tidy(() => tf.div(logits, temperature) as T);
}

/**
 * Keeps, in each row, the `k` highest logits and sets the rest to −∞ (lesson 10). Ties with the
 * k-th value are kept. `k ≥ V` keeps everything.
 */
export function topKFilter<T extends tf.Tensor1D | tf.Tensor2D>(logits: T, k: number): T {
  const where = "topKFilter";
  checkLogits(where, logits);
  checkInt(where, "k", k);
  const v = logits.shape[logits.rank - 1];
  return tf.tidy(() => {
    if (k >= v) return logits.clone() as T;
    const kth = tf.slice(tf.topk(logits, k).values, logits.rank === 1 ? [k - 1] : [0, k - 1], logits.rank === 1 ? [1] : [-1, 1]); // [1] or [B, 1]
    return tf.where(tf.less(logits, kth), tf.fill(logits.shape, -Infinity), logits) as T;
  });
}

/**
 * Nucleus filtering (lesson 10; Holtzman et al., 2020): in each row, sorts the tokens by
 * probability and keeps the smallest prefix whose probabilities add up to at least `p` (always at
 * least the most likely token); the rest get −∞. `p = 1` keeps everything.
 */
export function topPFilter<T extends tf.Tensor1D | tf.Tensor2D>(logits: T, p: number): T {
  const where = "topPFilter";
  checkLogits(where, logits);
  checkNumber(where, "p", p, 0, 1);
  if (p === 0) throw new AtencionError(`${where}: 'p' debe ser mayor que 0.`);
  return tf.tidy(() => {
    const rows = (logits.rank === 1 ? logits.expandDims(0) : logits) as tf.Tensor2D; // [B, V]
    const v = rows.shape[1];
    const sorted = tf.topk(rows, v).values; // [B, V], highest first
    const probs = tf.softmax(sorted); // [B, V]
    const before = tf.cumsum(probs, 1, true); // [B, V]: probability of the tokens ranked above
    const keep = tf.less(before, p); // [B, V]: a prefix of the sorted tokens, never empty (before[0] = 0)
    // The lowest kept logit. (Not `gather` with batchDims: on the wasm backend it reads zeros for rows after the first.)
    const threshold = tf.where(keep, sorted, tf.fill(sorted.shape, Infinity)).min(1, true); // [B, 1]
    const out = tf.where(tf.less(rows, threshold), tf.fill(rows.shape, -Infinity), rows); // [B, V]
    return (logits.rank === 1 ? out.reshape([v]) : out) as T;
  });
}

/**
 * Draws one token per row from softmax(logits) with the seeded `rng` (lesson 10): the same seed
 * gives the same tokens on every backend. Logits `[V]` give one id; `[B, V]` give B ids.
 */
export function sampleFromLogits(logits: tf.Tensor1D, rng: Rng): number;
export function sampleFromLogits(logits: tf.Tensor2D, rng: Rng): number[];
export function sampleFromLogits(logits: tf.Tensor1D | tf.Tensor2D, rng: Rng): number | number[] {
  const where = "sampleFromLogits";
  checkLogits(where, logits);
  if (!(rng instanceof Rng)) throw new AtencionError(`${where}: 'rng' debe ser un Rng (new Rng(semilla)).`);
  const v = logits.shape[logits.rank - 1];
  const softmax = tf.softmax(logits); // read outside tf.tidy: tidy would walk every element of a returned array
  const probs = softmax.dataSync();
  softmax.dispose();
  const ids: number[] = [];
  for (let start = 0; start < probs.length; start += v) {
    const row = probs.subarray(start, start + v);
    if (!row.every((q) => Number.isFinite(q))) {
      throw new AtencionError(`${where}: la fila ${start / v} de 'logits' no da probabilidades válidas (¿todo −∞ o NaN?).`);
    }
    ids.push(rng.weighted(row));
  }
  return logits.rank === 1 ? ids[0] : ids;
}
