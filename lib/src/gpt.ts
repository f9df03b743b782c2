/**
 * GPT, the decoder-only transformer (lesson 10; Radford et al., 2018, 2019).
 *
 *   h₀ = wte[ids] + wpe[positions]                   token + learned position embeddings
 *   hₗ = Block(hₗ₋₁), l = 1 … L                      pre-LN blocks with a causal mask
 *   logits = LayerNorm(h_L) · wteᵀ                   the LM head shares the token embedding
 *
 * Each position predicts the next token and sees only itself and the positions before it (the
 * causal mask), so one forward pass trains T predictions at once. A `TransformerCache` lets
 * generation feed one new token per step (lesson 10: the KV cache).
 */
import { tf } from "./backend";
import { causalMask } from "./attention";
import { Dropout } from "./dropout";
import { Embedding, LearnedPositionalEmbedding } from "./embedding";
import { AtencionError, checkInt, checkNumber } from "./errors";
import type { TransformerCache } from "./kv_cache";
import { Linear, linear } from "./linear";
import { Module } from "./module";
import { checkKind, checkWidthAndHeads, IdBatch, ModelSizeConfig, withIdBatch } from "./model_shared";
import { COURSE_SEED, Rng } from "./random";
import { TransformerEncoder } from "./stacks";

/**
 * Configuration of a `Gpt` (lesson 10). Only `vocabSize` is required; the sizes default to the
 * `gptNano` preset, small enough to train on a laptop: dModel 64, numHeads 4, numLayers 2,
 * contextLength 64, dFF 4 · dModel, dropout 0.1, layerNormEps 1e-5 (as GPT-2).
 */
export interface GptConfig extends ModelSizeConfig {
  /** Marks the configuration as a GPT's (presets set it; `countParameters` and `loadModel` read it). */
  kind?: "gpt";
  /** Vocabulary size V. */
  vocabSize: number;
  /** Longest sequence the model sees, the number of learned positions (default `64`). */
  contextLength?: number;
  /** Number of blocks L (default `2`). */
  numLayers?: number;
  /** The LM head reuses the token embedding `wte` (default `true`, as GPT-2); `false` adds `lm_head [V, D]`. */
  tieEmbeddings?: boolean;
}

/** A GPT configuration with every default filled in (lesson 10). */
export type ResolvedGptConfig = Required<GptConfig>;

/** Validates a GPT configuration and fills in its defaults, without allocating anything (lesson 10). */
export function resolveGptConfig(config: GptConfig): ResolvedGptConfig {
  const where = "Gpt";
  if (config === null || typeof config !== "object") throw new AtencionError(`${where}: falta la configuración ({ vocabSize, … }).`);
  checkKind(where, config.kind, ["gpt"]);
  const { vocabSize, contextLength = 64, dModel = 64, numHeads = 4, numLayers = 2, dropout = 0.1, layerNormEps = 1e-5 } = config;
  checkWidthAndHeads(where, dModel, numHeads);
  const dFF = config.dFF ?? 4 * dModel;
  return {
    kind: "gpt",
    vocabSize: checkInt(where, "vocabSize", vocabSize),
    contextLength: checkInt(where, "contextLength", contextLength),
    dModel,
    numHeads,
    numLayers: checkInt(where, "numLayers", numLayers),
    dFF: checkInt(where, "dFF", dFF),
    dropout: checkNumber(where, "dropout", dropout, 0, 0.999999),
    layerNormEps: checkNumber(where, "layerNormEps", layerNormEps, 0),
    tieEmbeddings: config.tieEmbeddings ?? true,
    seed: config.seed ?? COURSE_SEED,
  };
}

/** Options of `Gpt.forward` (lesson 10). */
export interface GptForwardOptions {
  /**
   * Incremental decoding (lesson 10): the keys and values of the tokens already seen. The new
   * tokens take the positions after the `cache.length` cached ones, and their keys/values are
   * appended to the cache.
   */
  cache?: TransformerCache;
}

/**
 * The decoder-only transformer (lesson 10): `ids [B, T] → logits [B, T, V]`, where the logits at
 * position t score the token at t + 1. Parameters: `wte.weight [V, D]`, `wpe.weight [contextLength, D]`,
 * `blocks.layers.{i}.*` (pre-LN `TransformerEncoderLayer`s with GELU), `blocks.norm.*` (the final
 * LayerNorm) and, only when untied, `lm_head.weight [V, D]`. Embeddings start N(0, 0.02), as GPT-2.
 */
export class Gpt extends Module {
  readonly config: ResolvedGptConfig;
  readonly wte: Embedding;
  readonly wpe: LearnedPositionalEmbedding;
  readonly drop: Dropout;
  readonly blocks: TransformerEncoder;
  readonly lm_head: Linear | undefined;

  constructor(config: GptConfig) {
    super();
    const cfg = (this.config = resolveGptConfig(config));
    const rng = new Rng(cfg.seed);
    const { vocabSize, contextLength, dModel, numHeads, numLayers, dFF, dropout, layerNormEps } = cfg;
    this.wte = this.addModule("wte", new Embedding({ numEmbeddings: vocabSize, dim: dModel, std: 0.02, seed: rng.seed() }));
    this.wpe = this.addModule("wpe", new LearnedPositionalEmbedding({ maxLen: contextLength, dim: dModel, std: 0.02, seed: rng.seed() }));
    this.drop = this.addModule("drop", new Dropout({ p: dropout, seed: rng.seed() }));
    this.blocks = this.addModule(
      "blocks",
      new TransformerEncoder({ numLayers, dModel, numHeads, dFF, dropout, layerNormEps, activation: "gelu", normFirst: true, finalNorm: true, seed: rng.seed() }),
    );
    this.lm_head = cfg.tieEmbeddings
      ? undefined
      : this.addModule("lm_head", new Linear({ inFeatures: dModel, outFeatures: vocabSize, bias: false, seed: rng.seed() }));
  }

  /** `ids [B, T] → logits [B, T, V]` (with a cache: the logits of the new tokens only). */
  forward(ids: IdBatch, opts: GptForwardOptions = {}): tf.Tensor3D {
    return this.run(ids, opts, false).logits;
  }

  /** Like `forward`, and also each block's attention weights `[B, H, T, Tk]` (for plots; lesson 10). */
  forwardWithAttention(ids: IdBatch, opts: GptForwardOptions = {}): { logits: tf.Tensor3D; attention: tf.Tensor4D[] } {
    return this.run(ids, opts, true);
  }

  private run(ids: IdBatch, opts: GptForwardOptions, keepWeights: boolean): { logits: tf.Tensor3D; attention: tf.Tensor4D[] } {
    const where = "Gpt";
    const { contextLength, vocabSize } = this.config;
    return withIdBatch(where, "ids", ids, vocabSize, (x) => {
      const t = x.shape[1];
      const past = opts.cache?.length ?? 0;
      if (past + t > contextLength) {
        const cached = past > 0 ? ` (más ${past} en la caché)` : "";
        throw new AtencionError(
          `${where}: la secuencia tiene ${t} tokens${cached}, más que contextLength = ${contextLength}; acórtala a los últimos ${contextLength}.`,
        );
      }
      return tf.tidy(() => {
        const h0 = this.drop.forward(this.wte.forward(x).add(this.wpe.forward(t, past))); // [B, T, D] + [T, D]
        // [T, Tpast + T]: new token i sees the past and itself. One new token sees everything: no mask.
        const mask = t === 1 ? undefined : causalMask(t, past + t);
        const { output, weights } = keepWeights
          ? this.blocks.forwardWithWeights(h0, { mask, cache: opts.cache })
          : { output: this.blocks.forward(h0, { mask, cache: opts.cache }), weights: [] };
        const logits = (this.lm_head === undefined ? linear(output, this.wte.weight) : this.lm_head.forward(output)) as tf.Tensor3D; // [B, T, V]
        return { logits, attention: weights };
      });
    });
  }
}
