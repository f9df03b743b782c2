/**
 * The position-wise feed-forward block of the transformer (lesson 07):
 * FFN(x) = linear2(dropout(activation(linear1(x)))), applied to every position independently.
 */
import { tf } from "./backend";
import { checkInt, checkOneOf, checkTensor } from "./errors";
import { Dropout } from "./dropout";
import { Linear } from "./linear";
import { Module } from "./module";
import { COURSE_SEED, Rng } from "./random";

/** The activations the course uses: ReLU (the 2017 paper) and the exact GELU (BERT, GPT). */
export type Activation = "relu" | "gelu";
/** The activation names `FeedForward` and the layers accept (lesson 07). */
export const ACTIVATIONS: readonly Activation[] = ["relu", "gelu"];

/**
 * The exact GELU (lesson 07): `gelu(x) = x · Φ(x) = ½ · x · (1 + erf(x / √2))`, where Φ is the
 * standard normal CDF; PyTorch's default `F.gelu` (not the tanh approximation).
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  checkTensor("gelu", "x", x);
  return tf.tidy(() => x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5) as T);
}

/** Applies the named activation (lesson 07). */
export function activate<T extends tf.Tensor>(x: T, activation: Activation): T {
  return activation === "gelu" ? gelu(x) : tf.relu(x);
}

/** Configuration of a `FeedForward` block. */
export interface FeedForwardConfig {
  /** Model width D (input and output). */
  dModel: number;
  /** Hidden width (default `4 · dModel`; the paper uses 2048 for D = 512). */
  dFF?: number;
  /** `"relu"` (default) or `"gelu"`. */
  activation?: Activation;
  /** Dropout after the activation (default `0.1`). */
  dropout?: number;
  /** Seed of the initialisation and of the dropout masks (default `COURSE_SEED`). */
  seed?: number;
}

/**
 * `x [..., D] → linear2(dropout(activation(linear1(x)))) [..., D]` (lesson 07). Children
 * `linear1 [dFF, D]`, `dropout`, `linear2 [D, dFF]`, named as in `torch.nn.TransformerEncoderLayer`.
 */
export class FeedForward extends Module {
  readonly activation: Activation;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;

  constructor({ dModel, dFF = 4 * dModel, activation = "relu", dropout = 0.1, seed = COURSE_SEED }: FeedForwardConfig) {
    super();
    checkInt("FeedForward", "dModel", dModel);
    checkInt("FeedForward", "dFF", dFF);
    this.activation = checkOneOf("FeedForward", "activation", activation, ACTIVATIONS);
    const rng = new Rng(seed);
    this.linear1 = this.addModule("linear1", new Linear({ inFeatures: dModel, outFeatures: dFF, seed: rng.seed() }));
    this.dropout = this.addModule("dropout", new Dropout({ p: dropout, seed: rng.seed() }));
    this.linear2 = this.addModule("linear2", new Linear({ inFeatures: dFF, outFeatures: dModel, seed: rng.seed() }));
  }

  /** `x [..., D] → [..., D]`. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const hidden = activate(this.linear1.forward(x), this.activation); // [..., dFF]
      return this.linear2.forward(this.dropout.forward(hidden)); // [..., D]
    });
  }
}
