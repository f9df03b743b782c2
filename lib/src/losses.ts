/**
 * Loss functions for training (lesson 07), with PyTorch's semantics.
 *
 * Cross-entropy compares the model's scores (logits) over V classes with the correct class:
 *   p = softmax(logits),   loss = −log p[target]
 * computed through `logSoftmax`, which is numerically stable (no `log(0)` for large logits).
 */
import { tf } from "./backend";
import { AtencionError, checkNumber, checkOneOf, checkTensor, describe, formatShape } from "./errors";

/** How per-element losses are combined: averaged, summed, or returned as they are. */
export type Reduction = "mean" | "sum" | "none";
const REDUCTIONS: readonly Reduction[] = ["mean", "sum", "none"];

/** Options of `crossEntropy` (lesson 07). */
export interface CrossEntropyOptions {
  /** Targets equal to this id add nothing to the loss and are not counted in the mean (e.g. the padding id). Default: none. */
  ignoreIndex?: number;
  /** ε in [0, 1): the target distribution puts 1 − ε on the correct class and ε/V on every class. Default 0. */
  labelSmoothing?: number;
  /** Default "mean": the mean over the targets that are not ignored. */
  reduction?: Reduction;
}

/**
 * Cross-entropy between `logits` [..., V] and integer `targets` [...] (lesson 07), exactly as
 * `torch.nn.functional.cross_entropy` except for the layout: here the class axis is the LAST one
 * (logits [B, T, V] with targets [B, T]), as language models produce them.
 *
 * With label smoothing ε, each element's loss is (1 − ε)·(−log p[target]) + ε·mean over c of (−log p[c]).
 * Ignored targets give 0 and are left out of the mean. One deviation from PyTorch: when EVERY target
 * is ignored, the mean is 0 (PyTorch gives NaN), so that such a batch cannot break a training run.
 *
 * Returns a scalar (mean, sum) or a tensor shaped like `targets` (none).
 */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options?: CrossEntropyOptions & { reduction?: "mean" | "sum" }): tf.Scalar;
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: CrossEntropyOptions): tf.Tensor;
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor, options: CrossEntropyOptions = {}): tf.Tensor {
  const where = "crossEntropy";
  const { ignoreIndex, labelSmoothing = 0, reduction = "mean" } = options;
  checkOneOf(where, "reduction", reduction, REDUCTIONS);
  checkNumber(where, "labelSmoothing", labelSmoothing, 0, 1);
  if (labelSmoothing === 1) throw new AtencionError(`${where}: 'labelSmoothing' debe ser menor que 1, y es 1.`);
  if (ignoreIndex !== undefined && !Number.isInteger(ignoreIndex)) {
    throw new AtencionError(`${where}: 'ignoreIndex' debe ser un entero, y es ${describe(ignoreIndex)}.`);
  }
  const numClasses = checkLogitsAndTargets(where, logits, targets, ignoreIndex);

  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits, -1); // [..., V]
    // The target distribution q: one-hot on the correct class, smoothed towards the uniform one.
    // Ignored targets (outside [0, V)) get an all-zero one-hot row.
    let q = tf.cast(tf.oneHot(targets, numClasses), "float32"); // [..., V]
    if (labelSmoothing > 0) q = q.mul(1 - labelSmoothing).add(labelSmoothing / numClasses);
    // loss = −Σ_c q[c]·log p[c], then 0 where the target is ignored.
    const keep = ignoreIndex === undefined ? tf.onesLike(targets).cast("float32") : tf.notEqual(targets, ignoreIndex).cast("float32"); // [...]
    const perElement = q.mul(logProbs).sum(-1).neg().mul(keep); // [...]
    if (reduction === "none") return perElement;
    if (reduction === "sum") return perElement.sum();
    return perElement.sum().div(keep.sum().maximum(1)); // mean over the targets that count
  });
}

/** Checks the shapes, dtype and target ids of `crossEntropy`; returns V. */
function checkLogitsAndTargets(where: string, logits: tf.Tensor, targets: tf.Tensor, ignoreIndex: number | undefined): number {
  checkTensor(where, "logits", logits);
  checkTensor(where, "targets", targets);
  if (logits.rank < 1 || logits.dtype !== "float32") {
    throw new AtencionError(`${where}: 'logits' debe ser un tensor float32 de forma [..., V], y recibí ${describe(logits)}.`);
  }
  if (targets.dtype !== "int32") {
    throw new AtencionError(`${where}: 'targets' debe ser un tensor int32 (ids de clase), y es ${targets.dtype}.`);
  }
  const expected = logits.shape.slice(0, -1);
  if (!tf.util.arraysEqual(targets.shape, expected)) {
    throw new AtencionError(
      `${where}: 'targets' debe tener forma ${formatShape(expected)} (la de 'logits' ${formatShape(logits.shape)} sin la última dimensión V), pero tiene forma ${formatShape(targets.shape)}.`,
    );
  }
  const numClasses = logits.shape[logits.rank - 1];
  const ids = targets.dataSync();
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] !== ignoreIndex && (ids[i] < 0 || ids[i] >= numClasses)) {
      const also = ignoreIndex === undefined ? "" : ` (o ${ignoreIndex}, el id ignorado)`;
      throw new AtencionError(`${where}: 'targets' debe tener ids entre 0 y ${numClasses - 1}${also}, pero contiene ${ids[i]} en la posición ${i}.`);
    }
  }
  return numClasses;
}

/**
 * Binary cross-entropy on logits (lesson 07; BERT's next-sentence prediction in lesson 10 may use it,
 * or `crossEntropy` with 2 classes, which is the same loss): as
 * `torch.nn.functional.binary_cross_entropy_with_logits`. `targets` are probabilities in [0, 1] shaped
 * like `logits`. Stable form: max(x, 0) − x·y + log(1 + e^(−|x|)).
 */
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, targets: tf.Tensor, options?: { reduction?: "mean" | "sum" }): tf.Scalar;
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, targets: tf.Tensor, options: { reduction?: Reduction }): tf.Tensor;
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, targets: tf.Tensor, { reduction = "mean" }: { reduction?: Reduction } = {}): tf.Tensor {
  const where = "binaryCrossEntropyWithLogits";
  checkOneOf(where, "reduction", reduction, REDUCTIONS);
  checkTensor(where, "logits", logits);
  checkTensor(where, "targets", targets);
  if (!tf.util.arraysEqual(targets.shape, logits.shape)) {
    throw new AtencionError(
      `${where}: 'targets' debe tener la forma de 'logits', ${formatShape(logits.shape)}, pero tiene forma ${formatShape(targets.shape)}.`,
    );
  }
  return tf.tidy(() => {
    const x = logits.cast("float32");
    const y = targets.cast("float32");
    const perElement = x.relu().sub(x.mul(y)).add(x.abs().neg().exp().log1p());
    if (reduction === "none") return perElement;
    return reduction === "sum" ? perElement.sum() : perElement.mean();
  });
}
