/**
 * The fully connected layer y = x·Wᵀ + b (lesson 05), with PyTorch's parameter names, layout and
 * default initialisation, so that `torch.nn.Linear` weights load unchanged.
 */
import { tf } from "./backend";
import { checkInt } from "./errors";
import { checkLastDim } from "./shape_checks";
import { Module } from "./module";
import { COURSE_SEED, Rng } from "./random";

/** Configuration of a `Linear` layer. */
export interface LinearConfig {
  /** Width of the input, the last dimension of `x`. */
  inFeatures: number;
  /** Width of the output. */
  outFeatures: number;
  /** Add a learned bias `b` (default `true`). */
  bias?: boolean;
  /** Seed of the initialisation (default `COURSE_SEED`). Give each layer its own seed. */
  seed?: number;
}

/**
 * `y = x·Wᵀ + b` on the last dimension of `x` (lesson 05). Parameters `weight [out, in]` and
 * `bias [out]`, as in `torch.nn.Linear`; both start uniform in (−1/√in, 1/√in), PyTorch's default.
 * Works on any leading dimensions: `[..., in] → [..., out]`.
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: tf.Variable;
  readonly bias: tf.Variable | undefined;

  constructor({ inFeatures, outFeatures, bias = true, seed = COURSE_SEED }: LinearConfig) {
    super();
    this.inFeatures = checkInt("Linear", "inFeatures", inFeatures);
    this.outFeatures = checkInt("Linear", "outFeatures", outFeatures);
    const bound = 1 / Math.sqrt(inFeatures);
    const rng = new Rng(seed);
    this.weight = this.addParameter("weight", tf.randomUniform([outFeatures, inFeatures], -bound, bound, "float32", rng.seed()));
    this.bias = bias
      ? this.addParameter("bias", tf.randomUniform([outFeatures], -bound, bound, "float32", rng.seed()))
      : undefined;
  }

  /** `x [..., in] → [..., out]`. */
  forward(x: tf.Tensor): tf.Tensor {
    checkLastDim("Linear", "x", x, this.inFeatures, "in");
    return linear(x, this.weight, this.bias);
  }
}

/**
 * The functional form (lesson 05): `x [..., in] · weightᵀ [in, out] + bias [out] → [..., out]`.
 * `MultiHeadAttention` uses it with slices of its fused `in_proj_weight`. Shapes are the caller's
 * to check.
 */
export function linear(x: tf.Tensor, weight: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [outFeatures, inFeatures] = weight.shape;
    const flat = x.reshape([-1, inFeatures]); // [N, in]
    const y = tf.matMul(flat, weight, false, true); // [N, out]
    return (bias === undefined ? y : y.add(bias)).reshape([...x.shape.slice(0, -1), outFeatures]); // [..., out]
  });
}
