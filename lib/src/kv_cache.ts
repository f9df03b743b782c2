/**
 * The key/value cache for incremental decoding (lesson 10).
 *
 * When a decoder generates one token at a time, the keys and values of the tokens already seen do
 * not change: the cache keeps them, `[B, H, Tpast, dh]` per attention layer, and each step only
 * projects the new token. Feeding tokens one by one then gives exactly the outputs of the full
 * causal forward pass, at a fraction of the cost.
 *
 * - `KVCache` holds one attention layer's keys and values. A `"self"` cache grows: each call
 *   appends the new keys/values. A `"cross"` cache is filled once, from the encoder's memory, and
 *   reused as is on every later step (the memory does not change while decoding).
 * - `LayerCache` is what a transformer layer takes: `self` for its self-attention and `cross` for
 *   the cross-attention of an encoder–decoder layer (a decoder-only GPT block uses only `self`).
 * - `TransformerCache` holds one `LayerCache` per layer of a stack; `length` is the number of
 *   positions already cached (the position offset of the next token).
 *
 * A cache owns its tensors: call `dispose()` when generation ends.
 */
import { tf } from "./backend";
import { AtencionError, checkInt, formatShape } from "./errors";

/** `"self"`: grows by appending; `"cross"`: filled once, then reused. */
export type KVCacheKind = "self" | "cross";

/** The past keys and values `[B, H, Tpast, dh]` of one attention layer (lesson 10). */
export class KVCache {
  readonly kind: KVCacheKind;
  private k: tf.Tensor4D | undefined;
  private v: tf.Tensor4D | undefined;

  constructor(kind: KVCacheKind = "self") {
    if (kind !== "self" && kind !== "cross") throw new AtencionError(`KVCache: 'kind' debe ser "self" o "cross", y es ${String(kind)}.`);
    this.kind = kind;
  }

  /** Cached keys `[B, H, Tpast, dh]`, or `undefined` when empty. Owned by the cache. */
  get keys(): tf.Tensor4D | undefined {
    return this.k;
  }

  /** Cached values `[B, H, Tpast, dh]`, or `undefined` when empty. Owned by the cache. */
  get values(): tf.Tensor4D | undefined {
    return this.v;
  }

  /** Number of cached positions (0 when empty). */
  get length(): number {
    return this.k === undefined ? 0 : this.k.shape[2];
  }

  /** True when nothing is cached yet. */
  get isEmpty(): boolean {
    return this.k === undefined;
  }

  /**
   * Stores new keys and values `[B, H, Tnew, dh]` and returns everything cached. A `"self"` cache
   * appends them to the past (the result has Tpast + Tnew positions); a `"cross"` cache stores them
   * the first time and refuses to be overwritten. Called by `MultiHeadAttention.forward`.
   */
  update(keys: tf.Tensor4D, values: tf.Tensor4D): { keys: tf.Tensor4D; values: tf.Tensor4D } {
    if (this.kind === "cross" && this.k !== undefined) {
      throw new AtencionError("KVCache: una caché 'cross' ya está llena; se reutiliza tal cual (usa reset() para vaciarla).");
    }
    if (this.k !== undefined && this.v !== undefined) {
      const [b, h, , dh] = this.k.shape;
      if (keys.shape[0] !== b || keys.shape[1] !== h || keys.shape[3] !== dh) {
        throw new AtencionError(
          `KVCache: las claves nuevas deben tener forma ${formatShape([b, h, "Tnew", dh])} como las guardadas ${formatShape(this.k.shape)}, pero tienen forma ${formatShape(keys.shape)}.`,
        );
      }
      const [pastK, pastV] = [this.k, this.v];
      this.k = tf.keep(tf.concat([pastK, keys], 2)); // [B, H, Tpast + Tnew, dh]
      this.v = tf.keep(tf.concat([pastV, values], 2)); // [B, H, Tpast + Tnew, dh]
      pastK.dispose();
      pastV.dispose();
    } else {
      // The cache must own tensors that outlive the caller's tidy, and not alias the caller's input.
      this.k = tf.keep(keys.clone());
      this.v = tf.keep(values.clone());
    }
    return { keys: this.k, values: this.v };
  }

  /** Empties the cache and frees its tensors. */
  reset(): void {
    this.k?.dispose();
    this.v?.dispose();
    this.k = undefined;
    this.v = undefined;
  }

  /** Frees the cached tensors (same as `reset()`). */
  dispose(): void {
    this.reset();
  }
}

/** The caches of one transformer layer (lesson 10): `self` grows, `cross` holds the memory's K/V. */
export class LayerCache {
  readonly self = new KVCache("self");
  readonly cross = new KVCache("cross");

  /** Positions cached in the self-attention. */
  get length(): number {
    return this.self.length;
  }

  dispose(): void {
    this.self.dispose();
    this.cross.dispose();
  }
}

/**
 * One `LayerCache` per layer of a stack (lesson 10): pass `cache.layers[i]` to layer i.
 * `length` is the number of tokens already decoded, i.e. the position of the next one.
 */
export class TransformerCache {
  readonly layers: LayerCache[];

  constructor(numLayers: number) {
    checkInt("TransformerCache", "numLayers", numLayers);
    this.layers = Array.from({ length: numLayers }, () => new LayerCache());
  }

  /** Positions cached (those of layer 0; every layer holds the same number). */
  get length(): number {
    return this.layers[0].length;
  }

  /** Frees every cached tensor. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}
