/**
 * Evaluation metrics (lesson 07): accuracy, exact match and perplexity. They return plain numbers,
 * ready to print or to store in a training history.
 */
import { tf } from "./backend";
import { AtencionError, checkTensor, describe, formatShape } from "./errors";
import { crossEntropy } from "./losses";

/**
 * The fraction of positions where the prediction equals the target (lesson 07).
 * `logitsOrPredictions` is either logits [..., V] (the prediction is their argmax) or predicted
 * ids shaped like `targets` [...]. Targets equal to `ignoreIndex` are not counted. NaN when
 * nothing is counted.
 */
export function accuracy(logitsOrPredictions: tf.Tensor, targets: tf.Tensor, { ignoreIndex }: { ignoreIndex?: number } = {}): number {
  const where = "accuracy";
  checkTensor(where, "logitsOrPredictions", logitsOrPredictions);
  checkTensor(where, "targets", targets);
  const x = logitsOrPredictions;
  const isLogits = tf.util.arraysEqual(x.shape.slice(0, -1), targets.shape);
  if (!isLogits && !tf.util.arraysEqual(x.shape, targets.shape)) {
    throw new AtencionError(
      `${where}: 'logitsOrPredictions' debe tener forma ${formatShape(targets.shape)} (predicciones) o ${formatShape([...targets.shape, "V"])} (logits), como 'targets', pero tiene forma ${formatShape(x.shape)}.`,
    );
  }
  const [correct, counted] = tf.tidy(() => {
    const predictions = isLogits ? x.argMax(-1) : x.cast("int32");
    const keep = ignoreIndex === undefined ? tf.onesLike(targets).cast("bool") : tf.notEqual(targets, ignoreIndex);
    const hits = tf.logicalAnd(tf.equal(predictions, targets.cast("int32")), keep);
    return [hits.cast("float32").sum().dataSync()[0], keep.cast("float32").sum().dataSync()[0]];
  });
  return counted === 0 ? NaN : correct / counted;
}

/**
 * The fraction of items predicted exactly (lesson 07): strings must be identical, id sequences
 * must have the same ids in the same order. NaN for empty lists.
 */
export function exactMatch(predicted: readonly string[] | readonly (readonly number[])[], expected: readonly string[] | readonly (readonly number[])[]): number {
  if (predicted.length !== expected.length) {
    throw new AtencionError(`exactMatch: 'predicted' y 'expected' deben tener la misma longitud, y tienen ${predicted.length} y ${expected.length}.`);
  }
  const same = (a: string | readonly number[], b: string | readonly number[]): boolean => {
    if (typeof a === "string" || typeof b === "string") return a === b;
    return a.length === b.length && a.every((id, i) => id === b[i]);
  };
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i];
    const e = expected[i];
    if ((typeof p !== "string" && !Array.isArray(p)) || (typeof e !== "string" && !Array.isArray(e))) {
      throw new AtencionError(`exactMatch: cada elemento debe ser un texto o una lista de ids, y el ${i} es ${describe(p)} / ${describe(e)}.`);
    }
    if (same(p, e)) hits++;
  }
  return predicted.length === 0 ? NaN : hits / predicted.length;
}

/**
 * Perplexity = e^(mean cross-entropy in nats) (lesson 07): "as uncertain as a uniform choice among
 * this many tokens". A model that always gives 1/V to the right token has perplexity V.
 */
export function perplexity(meanCrossEntropy: number): number {
  if (typeof meanCrossEntropy !== "number" || Number.isNaN(meanCrossEntropy)) {
    throw new AtencionError(`perplexity: 'meanCrossEntropy' debe ser un número, y es ${describe(meanCrossEntropy)}.`);
  }
  return Math.exp(meanCrossEntropy);
}

/** Perplexity of `logits` [..., V] on `targets` [...] (lesson 07): e^crossEntropy, ignoring `ignoreIndex`. */
export function perplexityFromLogits(logits: tf.Tensor, targets: tf.Tensor, { ignoreIndex }: { ignoreIndex?: number } = {}): number {
  return perplexity(tf.tidy(() => crossEntropy(logits, targets, { ignoreIndex }).dataSync()[0]));
}
