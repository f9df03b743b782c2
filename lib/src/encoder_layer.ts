/**
 * The transformer encoder layer (lesson 07): self-attention and a feed-forward block, each wrapped
 * in a residual connection and a layer normalisation, as `torch.nn.TransformerEncoderLayer`
 * (`batch_first=True`).
 *
 *   post-LN (the 2017 paper, default):  x = norm1(x + SelfAttn(x));   x = norm2(x + FFN(x))
 *   pre-LN  (GPT-2 and later):          x = x + SelfAttn(norm1(x));   x = x + FFN(norm2(x))
 *
 * With a causal mask it is also the block of a decoder-only model (GPT), which can decode
 * incrementally with a `LayerCache` (lesson 10).
 */
import { tf } from "./backend";
import { Dropout } from "./dropout";
import { checkInt, checkNumber, checkOneOf } from "./errors";
import { ACTIVATIONS, Activation, FeedForward } from "./feedforward";
import type { LayerCache } from "./kv_cache";
import { LayerNorm } from "./layernorm";
import { Module } from "./module";
import { MultiHeadAttention } from "./multihead";
import { COURSE_SEED, Rng } from "./random";
import { checkDim, checkTensorRank } from "./shape_checks";

/** Configuration shared by `TransformerEncoderLayer` and `TransformerDecoderLayer`. */
export interface TransformerLayerConfig {
  /** Model width D. */
  dModel: number;
  /** Number of attention heads H (must divide D). */
  numHeads: number;
  /** Hidden width of the feed-forward block (default `4 · dModel`). */
  dFF?: number;
  /** `"relu"` (default, as the paper and PyTorch) or `"gelu"` (exact). */
  activation?: Activation;
  /** `false` (default): post-LN, as the paper; `true`: pre-LN. */
  normFirst?: boolean;
  /** Dropout on attention weights, inside the feed-forward block and on each residual branch (default `0.1`, as PyTorch). */
  dropout?: number;
  /** LayerNorm epsilon (default `1e-5`). */
  layerNormEps?: number;
  /** Seed of every initialisation and dropout mask in the layer (default `COURSE_SEED`). */
  seed?: number;
}

/** Configuration of a `TransformerEncoderLayer` (lesson 07). */
export type TransformerEncoderLayerConfig = TransformerLayerConfig;
/** Configuration of a `TransformerDecoderLayer` (lesson 08). */
export type TransformerDecoderLayerConfig = TransformerLayerConfig;

/** A layer configuration with every default filled in (lesson 07). */
export type ResolvedLayerConfig = Required<TransformerLayerConfig>;

/** Validates a layer configuration and fills in its defaults. */
export function resolveLayerConfig(where: string, config: TransformerLayerConfig): ResolvedLayerConfig {
  const { dModel, numHeads, dFF = 4 * dModel, activation = "relu", normFirst = false, dropout = 0.1, layerNormEps = 1e-5, seed = COURSE_SEED } = config;
  return {
    dModel: checkInt(where, "dModel", dModel),
    numHeads: checkInt(where, "numHeads", numHeads),
    dFF: checkInt(where, "dFF", dFF),
    activation: checkOneOf(where, "activation", activation, ACTIVATIONS),
    normFirst: Boolean(normFirst),
    dropout: checkNumber(where, "dropout", dropout, 0, 0.999999),
    layerNormEps: checkNumber(where, "layerNormEps", layerNormEps, 0),
    seed,
  };
}

/**
 * (lesson 07) Registers, through `register`, the feed-forward block's `linear1`, `dropout` and `linear2` under those
 * names (PyTorch's flat layout: `linear1.weight`, not `ff.linear1.weight`) and returns the block.
 */
export function addFeedForward(cfg: ResolvedLayerConfig, seed: number, register: (name: string, m: Module) => void): FeedForward {
  const ff = new FeedForward({ dModel: cfg.dModel, dFF: cfg.dFF, activation: cfg.activation, dropout: cfg.dropout, seed });
  register("linear1", ff.linear1);
  register("dropout", ff.dropout);
  register("linear2", ff.linear2);
  return ff;
}

/** Options of `TransformerEncoderLayer.forward`. */
export interface EncoderLayerOptions {
  /** `[T, T]` or `[B, T, T]`, 1 = may attend (e.g. `causalMask(T)` for a GPT block). */
  mask?: tf.Tensor;
  /** `[B, T]`, 1 = real token, 0 = padding. */
  keyPaddingMask?: tf.Tensor;
  /** Incremental decoding: its `self` cache holds the past keys/values (masks then cover Tpast + T keys). */
  cache?: LayerCache;
}

/** Checks a sequence of vectors `x [B, T, D]` (lesson 07). */
export function checkSequence(where: string, name: string, x: unknown, dModel: number): asserts x is tf.Tensor3D {
  checkTensorRank(where, name, x, 3, `[B, T, D=${dModel}]`);
  checkDim(where, name, x, 2, dModel, "[B, T, D]", "D (dModel)");
}

/**
 * One encoder layer (lesson 07; the pinned API): `x [B, T, D] → [B, T, D]`. Children named as
 * PyTorch: `self_attn`, `linear1`, `linear2`, `norm1`, `norm2` (and the parameter-free `dropout`,
 * `dropout1`, `dropout2`), so `torch.nn.TransformerEncoderLayer` state dicts load unchanged.
 */
export class TransformerEncoderLayer extends Module {
  readonly config: ResolvedLayerConfig;
  readonly self_attn: MultiHeadAttention;
  /** The feed-forward block; its `linear1`, `dropout`, `linear2` are children of this layer. */
  readonly ff: FeedForward;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;

  constructor(config: TransformerLayerConfig) {
    super();
    const cfg = (this.config = resolveLayerConfig("TransformerEncoderLayer", config));
    const rng = new Rng(cfg.seed);
    const { dModel, numHeads, dropout, layerNormEps: eps } = cfg;
    this.self_attn = this.addModule("self_attn", new MultiHeadAttention({ dModel, numHeads, dropout, seed: rng.seed() }));
    this.ff = addFeedForward(cfg, rng.seed(), (name, m) => this.addModule(name, m));
    this.norm1 = this.addModule("norm1", new LayerNorm({ dim: dModel, eps }));
    this.norm2 = this.addModule("norm2", new LayerNorm({ dim: dModel, eps }));
    this.dropout1 = this.addModule("dropout1", new Dropout({ p: dropout, seed: rng.seed() }));
    this.dropout2 = this.addModule("dropout2", new Dropout({ p: dropout, seed: rng.seed() }));
  }

  /** `x [B, T, D] → [B, T, D]`. */
  forward(x: tf.Tensor, opts: EncoderLayerOptions = {}): tf.Tensor3D {
    return tf.tidy(() => this.forwardWithWeights(x, opts).output);
  }

  /** Like `forward`, and also returns the self-attention weights `[B, H, T, Tk]` (for plots). */
  forwardWithWeights(x: tf.Tensor, opts: EncoderLayerOptions = {}): { output: tf.Tensor3D; weights: tf.Tensor4D } {
    checkSequence("TransformerEncoderLayer", "x", x, this.config.dModel);
    return tf.tidy(() => {
      let weights: tf.Tensor4D | undefined;
      // Self-attention branch: attend, then dropout on the branch before it joins the residual.
      const selfAttention = (h: tf.Tensor) => {
        const r = this.self_attn.forward(h, h, h, { mask: opts.mask, keyPaddingMask: opts.keyPaddingMask, cache: opts.cache?.self });
        weights = r.weights;
        return this.dropout1.forward(r.output);
      };
      const feedForward = (h: tf.Tensor) => this.dropout2.forward(this.ff.forward(h));
      let y: tf.Tensor = x;
      if (this.config.normFirst) {
        y = y.add(selfAttention(this.norm1.forward(y))); // x + SelfAttn(norm1(x))
        y = y.add(feedForward(this.norm2.forward(y))); // x + FFN(norm2(x))
      } else {
        y = this.norm1.forward(y.add(selfAttention(y))); // norm1(x + SelfAttn(x))
        y = this.norm2.forward(y.add(feedForward(y))); // norm2(x + FFN(x))
      }
      return { output: y as tf.Tensor3D, weights: weights! };
    });
  }
}
