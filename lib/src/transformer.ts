/**
 * The encoder–decoder Transformer of "Attention Is All You Need" (Vaswani et al., 2017; lesson 08),
 * for sequence-to-sequence tasks (translate, reverse, sort, …).
 *
 *   memory = Encoder(E_src[src]·√d + PE)                       N encoder layers
 *   h      = Decoder(E_tgt[tgt]·√d + PE, memory)               N decoder layers (causal self-attention
 *                                                              + cross-attention over the memory)
 *   logits = h · E_tgtᵀ   (or a separate output projection)
 *
 * The embeddings are multiplied by √d (§3.4) and start N(0, 1/d), so the scaled vectors have unit
 * size, like the positional encodings added to them.
 */
import { tf } from "./backend";
import { causalMask, paddingMask } from "./attention";
import { Dropout } from "./dropout";
import { Embedding, LearnedPositionalEmbedding, sinusoidalPositionalEncoding } from "./embedding";
import { AtencionError, checkInt, checkNumber, checkOneOf, formatShape } from "./errors";
import { ACTIVATIONS, Activation } from "./feedforward";
import type { TransformerCache } from "./kv_cache";
import { Linear, linear } from "./linear";
import { Module } from "./module";
import { checkKind, checkWidthAndHeads, IdBatch, ModelSizeConfig, withIdBatch } from "./model_shared";
import { COURSE_SEED, Rng } from "./random";
import { checkTensorRank } from "./shape_checks";
import { TransformerDecoder, TransformerEncoder } from "./stacks";

/** How positions enter (lesson 06): the paper's fixed sinusoids or a learned table. */
export type PositionalKind = "sinusoidal" | "learned";
const POSITIONAL: readonly PositionalKind[] = ["sinusoidal", "learned"];

/**
 * Configuration of a `Transformer` (lesson 08). Only `srcVocabSize` is required; the sizes default
 * to the `transformerTiny` preset: dModel 64, numHeads 4, 2 + 2 layers, maxLen 128 (the paper:
 * 512, 8, 6 + 6), dFF 4 · dModel, dropout 0.1, layerNormEps 1e-5.
 */
export interface TransformerConfig extends ModelSizeConfig {
  /** Marks the configuration as an encoder–decoder's (presets set it). */
  kind?: "transformer";
  /** Source vocabulary size. */
  srcVocabSize: number;
  /** Target vocabulary size V (default: `srcVocabSize`). */
  tgtVocabSize?: number;
  /** Encoder layers (default `2`). */
  numEncoderLayers?: number;
  /** Decoder layers (default `2`). */
  numDecoderLayers?: number;
  /** `"relu"` (default, as the paper) or `"gelu"`. */
  activation?: Activation;
  /** `false` (default): post-LN, as the paper; `true`: pre-LN, with a final LayerNorm after each stack. */
  normFirst?: boolean;
  /** Longest source or target sequence (default `128`). */
  maxLen?: number;
  /** `"sinusoidal"` (default, as the paper) or `"learned"` positions. */
  positional?: PositionalKind;
  /** The output projection reuses the target embedding (default `true`, as the paper §3.4). */
  tieEmbeddings?: boolean;
  /** Source and target share one embedding table (default `false`; needs equal vocabularies, as a joint BPE). */
  shareEmbeddings?: boolean;
}

/** A Transformer configuration with every default filled in (lesson 08). */
export type ResolvedTransformerConfig = Required<TransformerConfig>;

/** Validates a Transformer configuration and fills in its defaults, without allocating anything (lesson 08). */
export function resolveTransformerConfig(config: TransformerConfig): ResolvedTransformerConfig {
  const where = "Transformer";
  if (config === null || typeof config !== "object") throw new AtencionError(`${where}: falta la configuración ({ srcVocabSize, … }).`);
  checkKind(where, config.kind, ["transformer"]);
  const { srcVocabSize, dModel = 64, numHeads = 4, numEncoderLayers = 2, numDecoderLayers = 2, dropout = 0.1 } = config;
  checkWidthAndHeads(where, dModel, numHeads);
  checkInt(where, "srcVocabSize", srcVocabSize);
  const tgtVocabSize = checkInt(where, "tgtVocabSize", config.tgtVocabSize ?? srcVocabSize);
  const shareEmbeddings = config.shareEmbeddings ?? false;
  if (shareEmbeddings && tgtVocabSize !== srcVocabSize) {
    throw new AtencionError(
      `${where}: 'shareEmbeddings' necesita el mismo vocabulario en origen y destino, pero srcVocabSize = ${srcVocabSize} y tgtVocabSize = ${tgtVocabSize}.`,
    );
  }
  return {
    kind: "transformer",
    srcVocabSize,
    tgtVocabSize,
    dModel,
    numHeads,
    numEncoderLayers: checkInt(where, "numEncoderLayers", numEncoderLayers),
    numDecoderLayers: checkInt(where, "numDecoderLayers", numDecoderLayers),
    dFF: checkInt(where, "dFF", config.dFF ?? 4 * dModel),
    dropout: checkNumber(where, "dropout", dropout, 0, 0.999999),
    activation: checkOneOf(where, "activation", config.activation ?? "relu", ACTIVATIONS),
    normFirst: config.normFirst ?? false,
    maxLen: checkInt(where, "maxLen", config.maxLen ?? 128),
    positional: checkOneOf(where, "positional", config.positional ?? "sinusoidal", POSITIONAL),
    tieEmbeddings: config.tieEmbeddings ?? true,
    shareEmbeddings,
    layerNormEps: checkNumber(where, "layerNormEps", config.layerNormEps ?? 1e-5, 0),
    seed: config.seed ?? COURSE_SEED,
  };
}

/** Options of `Transformer.forward` (lesson 08). */
export interface TransformerForwardOptions {
  /** Source positions holding this id are padding: the encoder and the cross-attention ignore them. */
  srcPadId?: number;
  /** Target positions holding this id are padding: the decoder's self-attention ignores them. */
  tgtPadId?: number;
}

/** Options of `Transformer.decode` (lesson 08). */
export interface TransformerDecodeOptions {
  /** `[B, Ts]`, 1 = real source token (e.g. `paddingMask(src, srcPadId)`). */
  memoryKeyPaddingMask?: tf.Tensor;
  /** Target positions holding this id are padding (not with a cache). */
  tgtPadId?: number;
  /** Incremental decoding (lesson 10): the decoder's cached keys/values; new tokens take the next positions. */
  cache?: TransformerCache;
}

/** Every attention map of one forward pass, a `[B, H, Tq, Tk]` tensor per layer (lesson 08). */
export interface Seq2SeqAttention {
  /** Encoder self-attention, `[B, H, Ts, Ts]` per encoder layer. */
  encoderSelf: tf.Tensor4D[];
  /** Decoder (causal) self-attention, `[B, H, Tt, Tt]` per decoder layer. */
  decoderSelf: tf.Tensor4D[];
  /** Cross-attention, `[B, H, Tt, Ts]` per decoder layer: target positions (queries) over source positions. */
  cross: tf.Tensor4D[];
}

/**
 * The encoder–decoder Transformer (lesson 08): `src [B, Ts]`, `tgt [B, Tt] → logits [B, Tt, V]`.
 * Parameters: `src_tok_emb.weight` and `tgt_tok_emb.weight` (one `tok_emb.weight` when shared),
 * `src_pos_emb.weight` / `tgt_pos_emb.weight` when learned (the sinusoids are the buffer `pe`),
 * `encoder.layers.{i}.*`, `decoder.layers.{i}.*`, `encoder.norm.*` / `decoder.norm.*` when pre-LN,
 * and `lm_head.weight [V, D]` when untied.
 */
export class Transformer extends Module {
  readonly config: ResolvedTransformerConfig;
  readonly srcEmbedding: Embedding;
  readonly tgtEmbedding: Embedding;
  readonly srcPositions: LearnedPositionalEmbedding | undefined;
  readonly tgtPositions: LearnedPositionalEmbedding | undefined;
  /** The sinusoidal table `[maxLen, D]` (a buffer), when `positional` is `"sinusoidal"`. */
  readonly pe: tf.Tensor2D | undefined;
  readonly dropout: Dropout;
  readonly encoder: TransformerEncoder;
  readonly decoder: TransformerDecoder;
  readonly lm_head: Linear | undefined;

  constructor(config: TransformerConfig) {
    super();
    const cfg = (this.config = resolveTransformerConfig(config));
    const rng = new Rng(cfg.seed);
    const { dModel, maxLen } = cfg;
    const embedding = (vocab: number) => new Embedding({ numEmbeddings: vocab, dim: dModel, std: dModel ** -0.5, seed: rng.seed() });
    if (cfg.shareEmbeddings) {
      this.srcEmbedding = this.tgtEmbedding = this.addModule("tok_emb", embedding(cfg.srcVocabSize));
    } else {
      this.srcEmbedding = this.addModule("src_tok_emb", embedding(cfg.srcVocabSize));
      this.tgtEmbedding = this.addModule("tgt_tok_emb", embedding(cfg.tgtVocabSize));
    }
    if (cfg.positional === "learned") {
      const positions = () => new LearnedPositionalEmbedding({ maxLen, dim: dModel, std: 0.02, seed: rng.seed() });
      this.srcPositions = this.addModule("src_pos_emb", positions());
      this.tgtPositions = this.addModule("tgt_pos_emb", positions());
    } else {
      this.pe = this.addBuffer("pe", sinusoidalPositionalEncoding(maxLen, dModel)) as tf.Tensor2D;
    }
    this.dropout = this.addModule("dropout", new Dropout({ p: cfg.dropout, seed: rng.seed() }));
    const layer = { dModel, numHeads: cfg.numHeads, dFF: cfg.dFF, dropout: cfg.dropout, activation: cfg.activation, normFirst: cfg.normFirst, layerNormEps: cfg.layerNormEps };
    this.encoder = this.addModule("encoder", new TransformerEncoder({ ...layer, numLayers: cfg.numEncoderLayers, seed: rng.seed() }));
    this.decoder = this.addModule("decoder", new TransformerDecoder({ ...layer, numLayers: cfg.numDecoderLayers, seed: rng.seed() }));
    this.lm_head = cfg.tieEmbeddings
      ? undefined
      : this.addModule("lm_head", new Linear({ inFeatures: dModel, outFeatures: cfg.tgtVocabSize, bias: false, seed: rng.seed() }));
  }

  /** E[ids]·√d + positions offset … offset + T − 1, then dropout: `[B, T] → [B, T, D]`. */
  private embed(ids: tf.Tensor2D, side: "src" | "tgt", offset: number): tf.Tensor3D {
    const t = ids.shape[1];
    const { maxLen, dModel } = this.config;
    if (offset + t > maxLen) {
      const name = side === "src" ? "src" : "tgt";
      const cached = offset > 0 ? ` (más ${offset} en la caché)` : "";
      throw new AtencionError(`Transformer: '${name}' tiene ${t} posiciones${cached}, más que maxLen = ${maxLen}.`);
    }
    return tf.tidy(() => {
      const table = side === "src" ? this.srcEmbedding : this.tgtEmbedding;
      const learned = side === "src" ? this.srcPositions : this.tgtPositions;
      const positions = learned !== undefined ? learned.forward(t, offset) : tf.slice(this.pe!, [offset, 0], [t, dModel]); // [T, D]
      return this.dropout.forward(table.forward(ids).mul(Math.sqrt(dModel)).add(positions)) as tf.Tensor3D; // [B, T, D]
    });
  }

  /** `src [B, Ts] → memory [B, Ts, D]`, the encoder's output that every decoder layer attends to. */
  encode(src: IdBatch, opts: Pick<TransformerForwardOptions, "srcPadId"> = {}): tf.Tensor3D {
    return tf.tidy(() => this.runEncoder(src, opts.srcPadId, false).memory);
  }

  private runEncoder(
    src: IdBatch,
    srcPadId: number | undefined,
    keepWeights: boolean,
  ): { memory: tf.Tensor3D; weights: tf.Tensor4D[]; keyPaddingMask: tf.Tensor2D | undefined } {
    return withIdBatch("Transformer.encode", "src", src, this.config.srcVocabSize, (ids) =>
      tf.tidy(() => {
        const keyPaddingMask = srcPadId === undefined ? undefined : paddingMask(ids, srcPadId); // [B, Ts]
        const x = this.embed(ids, "src", 0);
        if (!keepWeights) return { memory: this.encoder.forward(x, { keyPaddingMask }), weights: [], keyPaddingMask };
        const r = this.encoder.forwardWithWeights(x, { keyPaddingMask });
        return { memory: r.output, weights: r.weights, keyPaddingMask };
      }),
    );
  }

  /**
   * `tgt [B, Tt]` and `memory [B, Ts, D] → logits [B, Tt, V]`. With a cache, `tgt` holds only the
   * new tokens, and the logits are theirs.
   */
  decode(tgt: IdBatch, memory: tf.Tensor, opts: TransformerDecodeOptions = {}): tf.Tensor3D {
    return this.runDecoder(tgt, memory, opts, false).logits;
  }

  private runDecoder(
    tgt: IdBatch,
    memory: tf.Tensor,
    opts: TransformerDecodeOptions,
    keepWeights: boolean,
  ): { logits: tf.Tensor3D; selfWeights: tf.Tensor4D[]; crossWeights: tf.Tensor4D[] } {
    const where = "Transformer.decode";
    checkTensorRank(where, "memory", memory, 3, `[B, Ts, D=${this.config.dModel}]`);
    if (opts.cache !== undefined && opts.tgtPadId !== undefined) {
      throw new AtencionError(`${where}: 'tgtPadId' no se puede usar con una caché (cada paso trae solo los tokens nuevos).`);
    }
    return withIdBatch(where, "tgt", tgt, this.config.tgtVocabSize, (ids) => {
      if (memory.shape[0] !== ids.shape[0]) {
        throw new AtencionError(`${where}: 'memory' debe tener el lote B = ${ids.shape[0]} de 'tgt', pero tiene forma ${formatShape(memory.shape)}.`);
      }
      return tf.tidy(() => {
        const past = opts.cache?.length ?? 0;
        const t = ids.shape[1];
        const stackOpts = {
          tgtMask: t === 1 ? undefined : causalMask(t, past + t), // [Tt, Tpast + Tt]; one new token sees everything
          tgtKeyPaddingMask: opts.tgtPadId === undefined ? undefined : paddingMask(ids, opts.tgtPadId), // [B, Tt]
          memoryKeyPaddingMask: opts.memoryKeyPaddingMask,
          cache: opts.cache,
        };
        const y = this.embed(ids, "tgt", past);
        const r = keepWeights
          ? this.decoder.forwardWithWeights(y, memory, stackOpts)
          : { output: this.decoder.forward(y, memory, stackOpts), selfWeights: [], crossWeights: [] };
        const logits = (this.lm_head === undefined ? linear(r.output, this.tgtEmbedding.weight) : this.lm_head.forward(r.output)) as tf.Tensor3D; // [B, Tt, V]
        return { logits, selfWeights: r.selfWeights, crossWeights: r.crossWeights };
      });
    });
  }

  /** `src [B, Ts]`, `tgt [B, Tt] → logits [B, Tt, V]` (teacher forcing: `tgt` is the shifted target). */
  forward(src: IdBatch, tgt: IdBatch, opts: TransformerForwardOptions = {}): tf.Tensor3D {
    return this.run(src, tgt, opts, false).logits;
  }

  /** Like `forward`, and also every attention map (encoder self, decoder self, cross), per layer and head (lesson 08). */
  forwardWithAttention(src: IdBatch, tgt: IdBatch, opts: TransformerForwardOptions = {}): { logits: tf.Tensor3D; attention: Seq2SeqAttention } {
    return this.run(src, tgt, opts, true);
  }

  private run(src: IdBatch, tgt: IdBatch, opts: TransformerForwardOptions, keepWeights: boolean): { logits: tf.Tensor3D; attention: Seq2SeqAttention } {
    return tf.tidy(() => {
      const enc = this.runEncoder(src, opts.srcPadId, keepWeights);
      const decodeOpts = { memoryKeyPaddingMask: enc.keyPaddingMask, tgtPadId: opts.tgtPadId };
      const dec = this.runDecoder(tgt, enc.memory, decodeOpts, keepWeights);
      return { logits: dec.logits, attention: { encoderSelf: enc.weights, decoderSelf: dec.selfWeights, cross: dec.crossWeights } };
    });
  }
}
