/**
 * Layer normalisation (lesson 07): each vector is centred and scaled to unit variance over its
 * last dimension, then multiplied by a learned `weight` and shifted by a learned `bias`.
 */
import { tf } from "./backend";
import { checkInt, checkNumber } from "./errors";
import { Module } from "./module";
import { checkLastDim } from "./shape_checks";

/** Configuration of a `LayerNorm`. */
export interface LayerNormConfig {
  /** Width of the normalised (last) dimension. */
  dim: number;
  /** Added to the variance before the square root (default `1e-5`, as PyTorch). */
  eps?: number;
}

/**
 * `y = (x − mean) / √(var + eps) · weight + bias` over the last dimension (lesson 07), with the
 * biased variance (divide by D, not D − 1), as `torch.nn.LayerNorm`. `weight` starts at ones,
 * `bias` at zeros.
 */
export class LayerNorm extends Module {
  readonly dim: number;
  readonly eps: number;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;

  constructor({ dim, eps = 1e-5 }: LayerNormConfig) {
    super();
    this.dim = checkInt("LayerNorm", "dim", dim);
    this.eps = checkNumber("LayerNorm", "eps", eps, 0);
    this.weight = this.addParameter("weight", tf.ones([dim]));
    this.bias = this.addParameter("bias", tf.zeros([dim]));
  }

  /** `x [..., D] → [..., D]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkLastDim("LayerNorm", "x", x, this.dim);
    return tf.tidy(() => {
      const mean = x.mean(-1, true); // [..., 1]
      const centred = x.sub(mean); // [..., D]
      const variance = centred.square().mean(-1, true); // [..., 1], biased: divides by D
      const normalised = centred.mul(tf.rsqrt(variance.add(this.eps)));
      return normalised.mul(this.weight).add(this.bias);
    });
  }
}
