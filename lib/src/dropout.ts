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
    // The mask, already scaled: 0 with probability p, else 1/(1 − p). Drawn here with the course's
    // Rng rather than tf.randomUniform + comparisons: the same numbers on every backend, and a
    // third of the time (this runs on every attention map and hidden layer of every step).
    const rng = new Rng(this.rng.seed());
    const keep = 1 / (1 - this.p);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < this.p ? 0 : keep;
    return tf.tidy(() => x.mul(tf.tensor(mask, x.shape, "float32")) as T); // [...x.shape]
  }
}
