/**
 * The heads on top of BERT (lesson 09).
 *
 * Pre-training (`BertForPreTraining`) has two:
 *   masked LM:  logits = LayerNorm(gelu(W·h + b)) · E_tokᵀ + bias      one score per vocabulary
 *               entry at every position; the decoder reuses the token embedding E_tok
 *   next sentence: logits = W' · pooled + b'                           2 classes: B follows A, or not
 * Fine-tuning (`BertForSequenceClassification`) puts one linear layer on the pooled [CLS] vector.
 */
import { tf } from "./backend";
import { Bert, BertConfig, BertForwardOptions, ResolvedBertConfig } from "./bert";
import { Dropout } from "./dropout";
import { gelu } from "./feedforward";
import { LayerNorm } from "./layernorm";
import { Linear, linear } from "./linear";
import { Module } from "./module";
import type { IdBatch } from "./model_shared";
import { Rng } from "./random";

/** The masked-LM head (lesson 09): `hidden [B, T, D] → logits [B, T, V]`, decoder tied to the token embedding. */
class MaskedLmHead extends Module {
  readonly dense: Linear;
  readonly LayerNorm: LayerNorm;
  readonly bias: tf.Variable;

  constructor(cfg: ResolvedBertConfig, private readonly tokenEmbedding: tf.Variable, seed: number) {
    super();
    this.dense = this.addModule("dense", new Linear({ inFeatures: cfg.dModel, outFeatures: cfg.dModel, seed }));
    this.LayerNorm = this.addModule("LayerNorm", new LayerNorm({ dim: cfg.dModel, eps: cfg.layerNormEps }));
    this.bias = this.addParameter("bias", tf.zeros([cfg.vocabSize]));
  }

  forward(hidden: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const h = this.LayerNorm.forward(gelu(this.dense.forward(hidden))); // [B, T, D]
      return linear(h, this.tokenEmbedding, this.bias) as tf.Tensor3D; // [B, T, V]
    });
  }
}

/** What `BertForPreTraining.forward` returns (lesson 09). */
export interface BertPreTrainingOutput {
  /** `[B, T, V]`: scores for the original token at every position (the loss reads only the masked ones). */
  mlmLogits: tf.Tensor3D;
  /** `[B, 2]`: class 0 = B follows A, class 1 = B is a random sentence (as BERT's `is_next` labels). */
  nspLogits: tf.Tensor2D;
}

/**
 * BERT with its pre-training heads (lesson 09): masked LM and next-sentence prediction.
 * Parameters: `bert.*`, `mlm_head.dense.*`, `mlm_head.LayerNorm.*`, `mlm_head.bias [V]`, `nsp_head.*`.
 * Train with `crossEntropy(mlmLogits, labels, { ignoreIndex: IGNORE_INDEX })` on the labels of
 * `maskTokens`, plus `crossEntropy(nspLogits, isRandomNext)`.
 */
export class BertForPreTraining extends Module {
  readonly config: ResolvedBertConfig;
  readonly bert: Bert;
  readonly mlm_head: MaskedLmHead;
  readonly nsp_head: Linear;

  constructor(config: BertConfig) {
    super();
    this.bert = this.addModule("bert", new Bert(config, "bertForPreTraining"));
    const cfg = (this.config = this.bert.config);
    const rng = new Rng(cfg.seed + 1);
    this.mlm_head = this.addModule("mlm_head", new MaskedLmHead(cfg, this.bert.embeddings.word_embeddings.weight, rng.seed()));
    this.nsp_head = this.addModule("nsp_head", new Linear({ inFeatures: cfg.dModel, outFeatures: 2, seed: rng.seed() }));
  }

  /** `ids [B, T] → { mlmLogits [B, T, V], nspLogits [B, 2] }`. */
  forward(ids: IdBatch, opts: BertForwardOptions = {}): BertPreTrainingOutput {
    return tf.tidy(() => {
      const { hidden, pooled } = this.bert.forward(ids, opts);
      return { mlmLogits: this.mlm_head.forward(hidden), nspLogits: this.nsp_head.forward(pooled) as tf.Tensor2D };
    });
  }
}

/**
 * BERT for fine-tuning on sentence (or sentence-pair) classification (lesson 09):
 * `ids [B, T] → logits [B, numLabels]`, from dropout and a linear layer on the pooled [CLS] vector.
 * Parameters: `bert.*` (load a pre-trained encoder with `model.bert.loadStateDict(pre.bert.stateDict())`)
 * and `classifier.*`.
 */
export class BertForSequenceClassification extends Module {
  readonly config: ResolvedBertConfig;
  readonly bert: Bert;
  readonly dropout: Dropout;
  readonly classifier: Linear;

  constructor(config: BertConfig) {
    super();
    this.bert = this.addModule("bert", new Bert(config, "bertForSequenceClassification"));
    const cfg = (this.config = this.bert.config);
    const rng = new Rng(cfg.seed + 2);
    this.dropout = this.addModule("dropout", new Dropout({ p: cfg.dropout, seed: rng.seed() }));
    this.classifier = this.addModule("classifier", new Linear({ inFeatures: cfg.dModel, outFeatures: cfg.numLabels, seed: rng.seed() }));
  }

  /** `ids [B, T] → logits [B, numLabels]`. */
  forward(ids: IdBatch, opts: BertForwardOptions = {}): tf.Tensor2D {
    return tf.tidy(() => {
      const { pooled } = this.bert.forward(ids, opts);
      return this.classifier.forward(this.dropout.forward(pooled)) as tf.Tensor2D; // [B, numLabels]
    });
  }
}
