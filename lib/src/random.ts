/**
 * Reproducible randomness for the whole course (lesson 00).
 *
 * Every random choice (initialisers, dropout, shuffling, masking, sampling, data generation) takes
 * an explicit seed or an explicit `Rng`. The same seed gives the same numbers on every backend.
 */

/** The course-wide default seed. */
export const COURSE_SEED = 1234;

/**
 * A small, fast, seeded pseudo-random generator (mulberry32 on a 32-bit state).
 * Not for cryptography; good enough for shuffling, sampling and initialisation.
 */
export class Rng {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number = COURSE_SEED) {
    if (!Number.isFinite(seed)) throw new Error(`Rng: la semilla debe ser un número finito, no ${seed}`);
    this.state = Math.floor(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Rng.int: n debe ser un entero positivo, no ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box–Muller), times `std`, plus `mean`. */
  normal(mean = 0, std = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.choice: la lista está vacía");
    return items[this.int(items.length)];
  }

  /** An index drawn with the given non-negative weights (need not sum to 1). */
  weighted(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0)) throw new Error(`Rng.weighted: peso ${i} inválido (${weights[i]})`);
      total += weights[i];
    }
    if (total <= 0) throw new Error("Rng.weighted: los pesos suman 0");
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Shuffles a copy of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A fresh 32-bit seed derived from this generator, for `tf.random*` calls that take a seed. */
  seed(): number {
    return Math.floor(this.next() * 2147483647);
  }

  /** An independent generator derived from this one (for handing to a sub-component). */
  fork(): Rng {
    return new Rng(this.seed());
  }
}
