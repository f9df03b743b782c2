/**
 * BERT, the bidirectional encoder (lesson 09; Devlin et al., 2019).
 *
 *   h₀ = LayerNorm(E_tok[ids] + E_pos[positions] + E_seg[segments])   three embeddings, summed
 *   hₗ = EncoderLayer(hₗ₋₁), l = 1 … L                                 post-LN, GELU, no causal mask
 *   pooled = tanh(W · h_L[:, 0] + b)                                   the [CLS] position, pooled
 *
 * Every position sees every other (except padding), so each output vector mixes the whole
 * sentence in both directions. The heads that turn these vectors into predictions are in
 * `bert_heads.ts`; the 80/10/10 masking recipe in `masking.ts`.
 */
import { tf } from "./backend";
import { Dropout } from "./dropout";
import { Embedding, LearnedPositionalEmbedding } from "./embedding";
import { AtencionError, checkInt, checkNumber, formatShape } from "./errors";
import { LayerNorm } from "./layernorm";
import { Linear } from "./linear";
import { Module } from "./module";
import { checkKind, checkWidthAndHeads, IdBatch, ModelSizeConfig, withIdBatch } from "./model_shared";
import { COURSE_SEED, Rng } from "./random";
import { TransformerEncoder } from "./stacks";

/** The BERT family (lesson 09): the encoder alone, with the pre-training heads, or with a classification head. */
export type BertKind = "bert" | "bertForPreTraining" | "bertForSequenceClassification";
/** Every `BertKind` (lesson 09). */
export const BERT_KINDS: readonly BertKind[] = ["bert", "bertForPreTraining", "bertForSequenceClassification"];

/**
 * Configuration of `Bert`, `BertForPreTraining` and `BertForSequenceClassification` (lesson 09).
 * Only `vocabSize` is required; the sizes default to the `bertMini` preset: dModel 256,
 * numHeads 4, numLayers 4, maxLen 128, dFF 4 · dModel, dropout 0.1, layerNormEps 1e-12 (as BERT).
 */
export interface BertConfig extends ModelSizeConfig {
  /** Which model of the family (presets say `"bert"`; each class sets its own). */
  kind?: BertKind;
  /** Vocabulary size V. */
  vocabSize: number;
  /** Longest input, the number of learned positions (default `128`; BERT: 512). */
  maxLen?: number;
  /** Number of segments (default `2`: sentence A and sentence B). */
  typeVocabSize?: number;
  /** Encoder layers (default `4`). */
  numLayers?: number;
  /** Classes of `BertForSequenceClassification` (default `2`). */
  numLabels?: number;
}

/** A BERT configuration with every default filled in (lesson 09). */
export type ResolvedBertConfig = Required<BertConfig>;

/** Validates a BERT configuration and fills in its defaults, without allocating anything (lesson 09). */
export function resolveBertConfig(config: BertConfig, kind: BertKind = "bert"): ResolvedBertConfig {
  const where = "Bert";
  if (config === null || typeof config !== "object") throw new AtencionError(`${where}: falta la configuración ({ vocabSize, … }).`);
  checkKind(where, config.kind, BERT_KINDS);
  const { vocabSize, maxLen = 128, typeVocabSize = 2, dModel = 256, numHeads = 4, numLayers = 4, dropout = 0.1 } = config;
  checkWidthAndHeads(where, dModel, numHeads);
  return {
    kind,
    vocabSize: checkInt(where, "vocabSize", vocabSize),
    maxLen: checkInt(where, "maxLen", maxLen),
    typeVocabSize: checkInt(where, "typeVocabSize", typeVocabSize),
    dModel,
    numHeads,
    numLayers: checkInt(where, "numLayers", numLayers),
    dFF: checkInt(where, "dFF", config.dFF ?? 4 * dModel),
    dropout: checkNumber(where, "dropout", dropout, 0, 0.999999),
    layerNormEps: checkNumber(where, "layerNormEps", config.layerNormEps ?? 1e-12, 0),
    numLabels: checkInt(where, "numLabels", config.numLabels ?? 2),
    seed: config.seed ?? COURSE_SEED,
  };
}

/** Options of `Bert.forward` (lesson 09). */
export interface BertForwardOptions {
  /** Segment of each token `[B, T]`: 0 for sentence A, 1 for sentence B (default: all 0). */
  segmentIds?: IdBatch;
  /** `[B, T]`, 1 = real token, 0 = padding (e.g. `paddingMask(ids, padId)`); default: all real. */
  attentionMask?: tf.Tensor;
}

/** BERT's output (lesson 09): a vector per token and the pooled [CLS] vector. */
export interface BertOutput {
  /** `[B, T, D]`: the last layer's vector for every token. */
  hidden: tf.Tensor3D;
  /** `[B, D]`: tanh(dense(hidden[:, 0])), the sentence-level vector for NSP and classification. */
  pooled: tf.Tensor2D;
}

/** The three embeddings, summed and normalised (lesson 09). Children named as Hugging Face's. */
class BertEmbeddings extends Module {
  readonly word_embeddings: Embedding;
  readonly position_embeddings: LearnedPositionalEmbedding;
  readonly token_type_embeddings: Embedding;
  readonly LayerNorm: LayerNorm;
  readonly dropout: Dropout;

  constructor(cfg: ResolvedBertConfig, rng: Rng) {
    super();
    const { vocabSize, maxLen, typeVocabSize, dModel: dim } = cfg;
    this.word_embeddings = this.addModule("word_embeddings", new Embedding({ numEmbeddings: vocabSize, dim, std: 0.02, seed: rng.seed() }));
    this.position_embeddings = this.addModule("position_embeddings", new LearnedPositionalEmbedding({ maxLen, dim, std: 0.02, seed: rng.seed() }));
    this.token_type_embeddings = this.addModule("token_type_embeddings", new Embedding({ numEmbeddings: typeVocabSize, dim, std: 0.02, seed: rng.seed() }));
    this.LayerNorm = this.addModule("LayerNorm", new LayerNorm({ dim, eps: cfg.layerNormEps }));
    this.dropout = this.addModule("dropout", new Dropout({ p: cfg.dropout, seed: rng.seed() }));
  }

  /** `ids`, `segments` `[B, T] → [B, T, D]`. */
  forward(ids: tf.Tensor2D, segments: tf.Tensor2D | undefined): tf.Tensor3D {
    return tf.tidy(() => {
      let x = this.word_embeddings.forward(ids).add(this.position_embeddings.forward(ids.shape[1])); // [B, T, D] + [T, D]
      if (segments !== undefined) x = x.add(this.token_type_embeddings.forward(segments)); // + [B, T, D]
      else x = x.add(tf.slice(this.token_type_embeddings.weight, [0, 0], [1, -1])); // + segment 0, [1, D]
      return this.dropout.forward(this.LayerNorm.forward(x)) as tf.Tensor3D;
    });
  }
}

/**
 * The BERT encoder with its pooler (lesson 09): `ids [B, T] → { hidden [B, T, D], pooled [B, D] }`.
 * Parameters: `embeddings.{word_embeddings, position_embeddings, token_type_embeddings, LayerNorm}.*`,
 * `encoder.layers.{i}.*` (post-LN `TransformerEncoderLayer`s with GELU) and `pooler.dense.*`.
 * Embeddings start N(0, 0.02), as BERT.
 */
export class Bert extends Module {
  readonly config: ResolvedBertConfig;
  readonly embeddings: BertEmbeddings;
  readonly encoder: TransformerEncoder;
  readonly pooler: Linear;

  /** `kind` is set by the classes that wrap this encoder; leave it out. */
  constructor(config: BertConfig, kind: BertKind = "bert") {
    super();
    const cfg = (this.config = resolveBertConfig(config, kind));
    const rng = new Rng(cfg.seed);
    const { dModel, numHeads, numLayers, dFF, dropout, layerNormEps } = cfg;
    this.embeddings = this.addModule("embeddings", new BertEmbeddings(cfg, rng));
    this.encoder = this.addModule(
      "encoder",
      new TransformerEncoder({ numLayers, dModel, numHeads, dFF, dropout, layerNormEps, activation: "gelu", normFirst: false, seed: rng.seed() }),
    );
    this.pooler = this.addModule("pooler.dense", new Linear({ inFeatures: dModel, outFeatures: dModel, seed: rng.seed() }));
  }

  /** `ids [B, T] → { hidden [B, T, D], pooled [B, D] }`. */
  forward(ids: IdBatch, opts: BertForwardOptions = {}): BertOutput {
    const { hidden, pooled } = this.run(ids, opts, false);
    return { hidden, pooled };
  }

  /** Like `forward`, and also each layer's attention weights `[B, H, T, T]` (for plots; lesson 09). */
  forwardWithAttention(ids: IdBatch, opts: BertForwardOptions = {}): BertOutput & { attention: tf.Tensor4D[] } {
    return this.run(ids, opts, true);
  }

  private run(ids: IdBatch, opts: BertForwardOptions, keepWeights: boolean): BertOutput & { attention: tf.Tensor4D[] } {
    const where = "Bert";
    const { vocabSize, typeVocabSize, maxLen } = this.config;
    return withIdBatch(where, "ids", ids, vocabSize, (x) => {
      const [b, t] = x.shape;
      if (t > maxLen) throw new AtencionError(`${where}: la entrada tiene ${t} tokens, más que maxLen = ${maxLen}.`);
      const { attentionMask } = opts;
      if (attentionMask !== undefined && !tf.util.arraysEqual(attentionMask.shape, [b, t])) {
        throw new AtencionError(`${where}: 'attentionMask' debe tener forma [${b}, ${t}] [B, T], como 'ids', pero tiene forma ${formatShape(attentionMask.shape)}.`);
      }
      const withSegments = (segments: tf.Tensor2D | undefined) => {
        if (segments !== undefined && !tf.util.arraysEqual(segments.shape, [b, t])) {
          throw new AtencionError(`${where}: 'segmentIds' debe tener forma [${b}, ${t}] [B, T], como 'ids', pero tiene forma ${formatShape(segments.shape)}.`);
        }
        return tf.tidy(() => {
          const h0 = this.embeddings.forward(x, segments);
          const r = keepWeights
            ? this.encoder.forwardWithWeights(h0, { keyPaddingMask: attentionMask })
            : { output: this.encoder.forward(h0, { keyPaddingMask: attentionMask }), weights: [] };
          const cls = tf.slice(r.output, [0, 0, 0], [b, 1, -1]).reshape([b, -1]); // [B, D]: the [CLS] position
          const pooled = this.pooler.forward(cls).tanh() as tf.Tensor2D; // [B, D]
          return { hidden: r.output, pooled, attention: r.weights };
        });
      };
      return opts.segmentIds === undefined ? withSegments(undefined) : withIdBatch(where, "segmentIds", opts.segmentIds, typeVocabSize, withSegments);
    });
  }
}
