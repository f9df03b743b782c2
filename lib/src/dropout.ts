/**
 * Dropout (lesson 07): during training each entry is zeroed with probability `p` and the rest are
 * scaled by 1/(1 − p) ("inverted" dropout), so that evaluation needs no rescaling and is the identity.
 */
import { tf } from "./backend";
import { checkNumber, checkTensor } from "./errors";
import { Module } from "./module";
import { COURSE_SEED, Rng } from "./random";

/** Configuration of a `Dropout`. */
export interface DropoutConfig {
  /** Probability of zeroing each entry, in [0, 1) (default `0.1`). */
  p?: number;
  /** Seed of the masks (default `COURSE_SEED`): the same seed gives the same sequence of masks. */
  seed?: number;
}

/**
 * Inverted dropout (lesson 07). In training mode (`module.train()`, the default) every call draws
 * a fresh mask from the module's seeded `Rng`; in evaluation mode (`module.eval()`) it returns its
 * input unchanged. It has no parameters.
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly rng: Rng;

  constructor({ p = 0.1, seed = COURSE_SEED }: DropoutConfig = {}) {
    super();
    this.p = checkNumber("Dropout", "p", p, 0, 0.999999);
    this.rng = new Rng(seed);
  }

  /** `x → x · mask / (1 − p)` when training and `p > 0`; otherwise `x` itself (not a copy). */
  forward<T extends tf.Tensor>(x: T): T {
    checkTensor("Dropout", "x", x);
    if (!this.training || this.p === 0) return x;
    const seed = this.rng.seed();
    return tf.tidy(() => {
      const keep = tf.randomUniform(x.shape, 0, 1, "float32", seed).greaterEqual(this.p); // [...x.shape]
      return x.mul(keep.cast("float32").div(1 - this.p)) as T;
    });
  }
}
