/**
 * Gradient clipping by global norm (lesson 07), as `torch.nn.utils.clip_grad_norm_`.
 *
 * All the gradients together form one long vector g; its L2 norm ‖g‖ = √(Σ over every entry of g²).
 * When ‖g‖ > maxNorm, every gradient is multiplied by maxNorm / (‖g‖ + 1e-6): the direction is kept,
 * the step is shortened. This tames the rare huge gradient that would otherwise wreck training.
 */
import { tf } from "./backend";
import { AtencionError, describe } from "./errors";
import { Gradients } from "./optim";

/** The gradient tensors of `grads`, in order. */
function tensorsOf(grads: Gradients): tf.Tensor[] {
  return grads instanceof Map ? [...grads.values()] : Object.values(grads);
}

/** The global L2 norm of all the gradients, √(Σ g²) over every entry of every tensor (lesson 07). */
export function globalNorm(grads: Gradients): number {
  const tensors = tensorsOf(grads);
  if (tensors.length === 0) return 0;
  return tf.tidy(() => tf.addN(tensors.map((g) => g.square().sum())).sqrt().dataSync()[0]);
}

/**
 * Clips `grads` by global norm (lesson 07), with PyTorch's rule: every gradient is multiplied by
 * min(1, maxNorm / (totalNorm + 1e-6)). Returns NEW tensors in the same kind of container (the
 * caller disposes both the input and the output) and `totalNorm`, the norm BEFORE clipping.
 */
export function clipGradNorm<G extends Gradients>(grads: G, maxNorm: number): { grads: G; totalNorm: number } {
  if (!(maxNorm > 0 && Number.isFinite(maxNorm))) {
    throw new AtencionError(`clipGradNorm: 'maxNorm' debe ser un número mayor que 0, y es ${describe(maxNorm)}.`);
  }
  const totalNorm = globalNorm(grads);
  const coef = Math.min(1, maxNorm / (totalNorm + 1e-6));
  const scale = (g: tf.Tensor) => tf.tidy(() => g.mul(coef));
  const clipped =
    grads instanceof Map
      ? new Map([...grads].map(([v, g]) => [v, scale(g)]))
      : Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, scale(g)]));
  return { grads: clipped as G, totalNorm };
}
