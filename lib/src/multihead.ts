/**
 * Multi-head attention (lesson 05), laid out as `torch.nn.MultiheadAttention(batch_first=True)`.
 *
 *   MultiHead(Q, K, V) = Concat(head_1, …, head_H) · W_Oᵀ,  head_h = Attention(Q·W_Q,hᵀ, K·W_K,hᵀ, V·W_V,hᵀ)
 *
 * The H heads are not chosen between: their outputs are concatenated and mixed by the linear W_O
 * (`out_proj`). The projections of all heads live in one fused matrix `in_proj_weight [3D, D]`
 * (rows 0…D−1 for Q, D…2D−1 for K, 2D…3D−1 for V), as in PyTorch, so its weights load unchanged.
 */
import { tf } from "./backend";
import { combineMasks, scaledDotProductAttention } from "./attention";
import { Dropout } from "./dropout";
import { AtencionError, checkInt, formatShape } from "./errors";
import type { KVCache } from "./kv_cache";
import { Linear, linear } from "./linear";
import { Module } from "./module";
import { COURSE_SEED, Rng } from "./random";
import { checkDim, checkTensorRank } from "./shape_checks";

/** Configuration of a `MultiHeadAttention`. */
export interface MultiHeadAttentionConfig {
  /** Model width D. */
  dModel: number;
  /** Number of heads H; must divide D (each head has width dh = D / H). */
  numHeads: number;
  /** Dropout on the attention weights while training (default `0`, as PyTorch). */
  dropout?: number;
  /** Learned biases in the projections (default `true`). */
  bias?: boolean;
  /** Seed of the initialisation and of the dropout masks (default `COURSE_SEED`). */
  seed?: number;
}

/** Options of `MultiHeadAttention.forward`. */
export interface MultiHeadAttentionOptions {
  /** `[Tq, Tk]` or `[B, Tq, Tk]`; 1 = may attend, 0 = blocked (e.g. `causalMask`). */
  mask?: tf.Tensor;
  /** `[B, Tk]`; 1 = real token, 0 = padding (e.g. `paddingMask`). */
  keyPaddingMask?: tf.Tensor;
  /**
   * Past keys/values for incremental decoding (see `KVCache`). A `"self"` cache receives the new
   * keys/values and attends over past + new (masks then cover Tk = Tpast + Tnew keys). A filled
   * `"cross"` cache is used as is: `key` and `value` are not projected again.
   */
  cache?: KVCache;
}

/** Output of multi-head attention. */
export type MultiHeadAttentionResult = {
  /** `[B, Tq, D]`. */
  output: tf.Tensor3D;
  /** `[B, H, Tq, Tk]`: each head's attention weights (before dropout). */
  weights: tf.Tensor4D;
}

/** `[B, T, D] → [B, H, T, dh]`: cuts the last axis into H heads of width dh = D / H (lesson 05). */
export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor4D {
  checkTensorRank("splitHeads", "x", x, 3, "[B, T, D]");
  const [b, t, d] = x.shape;
  checkHeads("splitHeads", d, numHeads);
  return tf.tidy(() =>
    x
      .reshape([b, t, numHeads, d / numHeads]) // [B, T, H, dh]
      .transpose([0, 2, 1, 3]), // [B, H, T, dh]
  ) as tf.Tensor4D;
}

/** `[B, H, T, dh] → [B, T, H·dh]`: puts the heads side by side again (lesson 05). */
export function mergeHeads(x: tf.Tensor): tf.Tensor3D {
  checkTensorRank("mergeHeads", "x", x, 4, "[B, H, T, dh]");
  const [b, h, t, dh] = x.shape;
  return tf.tidy(() =>
    x
      .transpose([0, 2, 1, 3]) // [B, T, H, dh]
      .reshape([b, t, h * dh]), // [B, T, D]
  ) as tf.Tensor3D;
}

function checkHeads(where: string, dModel: number, numHeads: number): void {
  checkInt(where, "numHeads", numHeads);
  if (dModel % numHeads !== 0) {
    throw new AtencionError(
      `${where}: dModel = ${dModel} debe ser divisible por numHeads = ${numHeads} (cada cabeza tiene dModel / numHeads dimensiones).`,
    );
  }
}

/**
 * Multi-head attention (lesson 05; the pinned API). Parameters `in_proj_weight [3D, D]`,
 * `in_proj_bias [3D]`, `out_proj.weight [D, D]`, `out_proj.bias [D]`, initialised as PyTorch
 * (Xavier-uniform `in_proj_weight`, zero biases). Self-attention when `query === key === value`
 * (one fused Q/K/V product), cross-attention otherwise.
 */
export class MultiHeadAttention extends Module {
  readonly dModel: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly in_proj_weight: tf.Variable;
  readonly in_proj_bias: tf.Variable | undefined;
  readonly out_proj: Linear;
  readonly dropout: Dropout;

  constructor({ dModel, numHeads, dropout = 0, bias = true, seed = COURSE_SEED }: MultiHeadAttentionConfig) {
    super();
    this.dModel = checkInt("MultiHeadAttention", "dModel", dModel);
    checkHeads("MultiHeadAttention", dModel, numHeads);
    this.numHeads = numHeads;
    this.headDim = dModel / numHeads;
    const rng = new Rng(seed);
    const bound = Math.sqrt(6 / (dModel + 3 * dModel)); // Xavier-uniform on [3D, D]
    this.in_proj_weight = this.addParameter("in_proj_weight", tf.randomUniform([3 * dModel, dModel], -bound, bound, "float32", rng.seed()));
    this.in_proj_bias = bias ? this.addParameter("in_proj_bias", tf.zeros([3 * dModel])) : undefined;
    this.out_proj = this.addModule("out_proj", new Linear({ inFeatures: dModel, outFeatures: dModel, bias, seed: rng.seed() }));
    if (this.out_proj.bias !== undefined) tf.tidy(() => this.out_proj.bias!.assign(tf.zerosLike(this.out_proj.bias!)));
    this.dropout = this.addModule("dropout", new Dropout({ p: dropout, seed: rng.seed() }));
  }

  /** Rows `part·D … (part+1)·D − 1` of the fused projection: 0 = Q, 1 = K, 2 = V (`count` parts). */
  private projection(part: number, count = 1): { weight: tf.Tensor2D; bias: tf.Tensor1D | undefined } {
    const d = this.dModel;
    if (part === 0 && count === 3) return { weight: this.in_proj_weight as tf.Tensor2D, bias: this.in_proj_bias as tf.Tensor1D | undefined }; // all of it: no copy
    return {
      weight: tf.slice(this.in_proj_weight, [part * d, 0], [count * d, d]) as tf.Tensor2D, // [count·D, D]
      bias: this.in_proj_bias === undefined ? undefined : (tf.slice(this.in_proj_bias, [part * d], [count * d]) as tf.Tensor1D),
    };
  }

  /** `x [B, T, D]` through `count` consecutive projections from `part`, split into `count` tensors. */
  private project(x: tf.Tensor, part: number, count: number): tf.Tensor[] {
    const { weight, bias } = this.projection(part, count);
    const y = linear(x, weight, bias); // [B, T, count·D]
    return count === 1 ? [y] : tf.split(y, count, 2); // count × [B, T, D]
  }

  private checkInputs(query: unknown, key: unknown, value: unknown, opts: MultiHeadAttentionOptions): number {
    const where = "MultiHeadAttention";
    const d = this.dModel;
    checkTensorRank(where, "query", query, 3, `[B, Tq, D=${d}]`);
    checkTensorRank(where, "key", key, 3, `[B, Tk, D=${d}]`);
    checkTensorRank(where, "value", value, 3, `[B, Tk, D=${d}]`);
    const b = query.shape[0];
    for (const [name, t] of [["query", query], ["key", key], ["value", value]] as const) {
      checkDim(where, name, t, 2, d, `[B, T, D]`, "D (dModel)");
      checkDim(where, name, t, 0, b, `[B, T, D]`, "B (el lote de 'query')");
    }
    checkDim(where, "value", value, 1, key.shape[1], "[B, Tk, D]", "Tk (la longitud de 'key')");
    const cache = opts.cache;
    const tk = cache === undefined ? key.shape[1] : cache.kind === "self" ? cache.length + key.shape[1] : cache.isEmpty ? key.shape[1] : cache.length;
    const tq = query.shape[1];
    const { mask, keyPaddingMask } = opts;
    if (mask !== undefined) {
      checkTensorRank(where, "mask", mask, [2, 3], "[Tq, Tk] o [B, Tq, Tk]");
      const want = mask.shape.length === 2 ? [tq, tk] : [b, tq, tk];
      if (mask.shape.some((s, i) => s !== want[i])) {
        throw new AtencionError(`${where}: 'mask' debe tener forma ${formatShape(want)}, pero tiene forma ${formatShape(mask.shape)}.`);
      }
    }
    if (keyPaddingMask !== undefined) {
      checkTensorRank(where, "keyPaddingMask", keyPaddingMask, 2, "[B, Tk]");
      if (keyPaddingMask.shape[0] !== b || keyPaddingMask.shape[1] !== tk) {
        throw new AtencionError(
          `${where}: 'keyPaddingMask' debe tener forma ${formatShape([b, tk])} [B, Tk], pero tiene forma ${formatShape(keyPaddingMask.shape)}.`,
        );
      }
    }
    return tk;
  }

  /**
   * Attention of `query` over `key`/`value` (lesson 05).
   * @param query `[B, Tq, D]`
   * @param key `[B, Tk, D]`
   * @param value `[B, Tk, D]`
   * @returns `{ output [B, Tq, D], weights [B, H, Tq, Tk] }`
   */
  forward(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, opts: MultiHeadAttentionOptions = {}): MultiHeadAttentionResult {
    this.checkInputs(query, key, value, opts);
    const { cache } = opts;
    if (cache?.kind === "self" && !(query === key && key === value)) {
      throw new AtencionError(
        "MultiHeadAttention: una caché 'self' solo sirve para autoatención (query, key y value el mismo tensor); para atención cruzada usa una caché 'cross'.",
      );
    }
    return tf.tidy(() => {
      let q: tf.Tensor;
      let k: tf.Tensor4D | undefined;
      let v: tf.Tensor4D | undefined;
      if (cache?.kind === "cross" && !cache.isEmpty) {
        [q] = this.project(query, 0, 1); // the memory's keys and values are already cached
        [k, v] = [cache.keys, cache.values];
      } else if (query === key && key === value) {
        const [qp, kp, vp] = this.project(query, 0, 3); // one fused Q/K/V product
        [q, k, v] = [qp, splitHeads(kp, this.numHeads), splitHeads(vp, this.numHeads)];
      } else {
        [q] = this.project(query, 0, 1);
        const [kp, vp] = key === value ? this.project(key, 1, 2) : [this.project(key, 1, 1)[0], this.project(value, 2, 1)[0]];
        [k, v] = [splitHeads(kp, this.numHeads), splitHeads(vp, this.numHeads)];
      }
      if (cache !== undefined && !(cache.kind === "cross" && !cache.isEmpty)) ({ keys: k, values: v } = cache.update(k!, v!));
      const qh = splitHeads(q, this.numHeads); // [B, H, Tq, dh]
      const mask = combineMasks(opts.mask, opts.keyPaddingMask); // [B|1, 1, Tq|1, Tk]
      const { output, weights } = scaledDotProductAttention(qh, k!, v!, mask, { dropout: this.dropout });
      return {
        output: this.out_proj.forward(mergeHeads(output)) as tf.Tensor3D, // [B, Tq, D]
        weights: weights as tf.Tensor4D, // [B, H, Tq, Tk]
      };
    });
  }

  /**
   * The same computation with an explicit loop over the heads (lesson 05): each head projects with
   * its own rows of `in_proj_weight`, attends on its own, and the H outputs are concatenated before
   * `out_proj`. Readable reference, tested equal to `forward` (no dropout, no cache).
   */
  forwardLoop(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, opts: Omit<MultiHeadAttentionOptions, "cache"> = {}): MultiHeadAttentionResult {
    this.checkInputs(query, key, value, opts);
    return tf.tidy(() => {
      const mask = combineMasks(opts.mask, opts.keyPaddingMask)?.squeeze([1]); // [B|1, Tq|1, Tk]
      const { weight, bias } = this.projection(0, 3); // [3D, D], [3D]
      const dh = this.headDim;
      const d = this.dModel;
      const rows = (part: number, h: number) => part * d + h * dh; // first row of head h in Q, K or V
      const heads: tf.Tensor[] = [];
      const weights: tf.Tensor[] = [];
      for (let h = 0; h < this.numHeads; h++) {
        const [qh, kh, vh] = [query, key, value].map((x, part) =>
          linear(
            x,
            tf.slice(weight, [rows(part, h), 0], [dh, d]), // [dh, D]: head h's rows
            bias === undefined ? undefined : tf.slice(bias, [rows(part, h)], [dh]),
          ),
        ); // each [B, T, dh]
        const head = scaledDotProductAttention(qh, kh, vh, mask);
        heads.push(head.output); // [B, Tq, dh]
        weights.push(head.weights); // [B, Tq, Tk]
      }
      return {
        output: this.out_proj.forward(tf.concat(heads, 2)) as tf.Tensor3D, // [B, Tq, H·dh = D]
        weights: tf.stack(weights, 1) as tf.Tensor4D, // [B, H, Tq, Tk]
      };
    });
  }
}
