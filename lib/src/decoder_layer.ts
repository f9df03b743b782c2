/**
 * The transformer decoder layer (lesson 08): masked self-attention over the target, cross-attention
 * whose **queries come from the decoder** and whose keys and values come from the encoder's memory,
 * and a feed-forward block; each with a residual connection and a layer normalisation, as
 * `torch.nn.TransformerDecoderLayer` (`batch_first=True`).
 *
 *   post-LN (default): x = norm1(x + SelfAttn(x)); x = norm2(x + CrossAttn(x, mem)); x = norm3(x + FFN(x))
 *   pre-LN:            x = x + SelfAttn(norm1(x)); x = x + CrossAttn(norm2(x), mem); x = x + FFN(norm3(x))
 */
import { tf } from "./backend";
import { Dropout } from "./dropout";
import { addFeedForward, checkSequence, ResolvedLayerConfig, resolveLayerConfig, TransformerLayerConfig } from "./encoder_layer";
import { AtencionError, formatShape } from "./errors";
import type { FeedForward } from "./feedforward";
import type { LayerCache } from "./kv_cache";
import { LayerNorm } from "./layernorm";
import { Module } from "./module";
import { MultiHeadAttention } from "./multihead";
import { Rng } from "./random";

/** Options of `TransformerDecoderLayer.forward`. */
export interface DecoderLayerOptions {
  /** `[Tt, Tt]` or `[B, Tt, Tt]` on the target's self-attention, usually `causalMask(Tt)`. */
  tgtMask?: tf.Tensor;
  /** `[Tt, Ts]` or `[B, Tt, Ts]` on the cross-attention (rarely needed). */
  memoryMask?: tf.Tensor;
  /** `[B, Tt]`, 1 = real target token. */
  tgtKeyPaddingMask?: tf.Tensor;
  /** `[B, Ts]`, 1 = real source token. */
  memoryKeyPaddingMask?: tf.Tensor;
  /**
   * Incremental decoding: `cache.self` grows with the target (masks then cover Tpast + Tt keys);
   * `cache.cross` is filled with the memory's keys/values on the first call and reused afterwards.
   */
  cache?: LayerCache;
}

/** The decoder layer's output and its attention weights. */
export type DecoderLayerResult = {
  /** `[B, Tt, D]`. */
  output: tf.Tensor3D;
  /** Self-attention weights `[B, H, Tt, Tk]`. */
  selfWeights: tf.Tensor4D;
  /** Cross-attention weights `[B, H, Tt, Ts]`. */
  crossWeights: tf.Tensor4D;
}

/**
 * One decoder layer (lesson 08; the pinned API): `tgt [B, Tt, D]`, `memory [B, Ts, D] → [B, Tt, D]`.
 * Children named as PyTorch: `self_attn`, `multihead_attn`, `linear1`, `linear2`, `norm1`, `norm2`,
 * `norm3` (and the parameter-free `dropout`, `dropout1`, `dropout2`, `dropout3`).
 */
export class TransformerDecoderLayer extends Module {
  readonly config: ResolvedLayerConfig;
  readonly self_attn: MultiHeadAttention;
  readonly multihead_attn: MultiHeadAttention;
  /** The feed-forward block; its `linear1`, `dropout`, `linear2` are children of this layer. */
  readonly ff: FeedForward;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly norm3: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly dropout3: Dropout;

  constructor(config: TransformerLayerConfig) {
    super();
    const cfg = (this.config = resolveLayerConfig("TransformerDecoderLayer", config));
    const rng = new Rng(cfg.seed);
    const { dModel, numHeads, dropout, layerNormEps: eps } = cfg;
    this.self_attn = this.addModule("self_attn", new MultiHeadAttention({ dModel, numHeads, dropout, seed: rng.seed() }));
    this.multihead_attn = this.addModule("multihead_attn", new MultiHeadAttention({ dModel, numHeads, dropout, seed: rng.seed() }));
    this.ff = addFeedForward(cfg, rng.seed(), (name, m) => this.addModule(name, m));
    this.norm1 = this.addModule("norm1", new LayerNorm({ dim: dModel, eps }));
    this.norm2 = this.addModule("norm2", new LayerNorm({ dim: dModel, eps }));
    this.norm3 = this.addModule("norm3", new LayerNorm({ dim: dModel, eps }));
    this.dropout1 = this.addModule("dropout1", new Dropout({ p: dropout, seed: rng.seed() }));
    this.dropout2 = this.addModule("dropout2", new Dropout({ p: dropout, seed: rng.seed() }));
    this.dropout3 = this.addModule("dropout3", new Dropout({ p: dropout, seed: rng.seed() }));
  }

  /** `tgt [B, Tt, D]`, `memory [B, Ts, D] → [B, Tt, D]`. */
  forward(tgt: tf.Tensor, memory: tf.Tensor, opts: DecoderLayerOptions = {}): tf.Tensor3D {
    return tf.tidy(() => this.forwardWithWeights(tgt, memory, opts).output);
  }

  /** Like `forward`, and also returns the self- and cross-attention weights (for plots). */
  forwardWithWeights(tgt: tf.Tensor, memory: tf.Tensor, opts: DecoderLayerOptions = {}): DecoderLayerResult {
    const where = "TransformerDecoderLayer";
    checkSequence(where, "tgt", tgt, this.config.dModel);
    checkSequence(where, "memory", memory, this.config.dModel);
    if (memory.shape[0] !== tgt.shape[0]) {
      throw new AtencionError(
        `${where}: 'memory' debe tener el mismo lote B = ${tgt.shape[0]} que 'tgt', pero tiene forma ${formatShape(memory.shape)}.`,
      );
    }
    const { cache } = opts;
    return tf.tidy(() => {
      let selfWeights: tf.Tensor4D | undefined;
      let crossWeights: tf.Tensor4D | undefined;
      const selfAttention = (h: tf.Tensor) => {
        const r = this.self_attn.forward(h, h, h, { mask: opts.tgtMask, keyPaddingMask: opts.tgtKeyPaddingMask, cache: cache?.self });
        selfWeights = r.weights;
        return this.dropout1.forward(r.output);
      };
      // Cross-attention: queries from the decoder (h), keys and values from the encoder (memory).
      const crossAttention = (h: tf.Tensor) => {
        const r = this.multihead_attn.forward(h, memory, memory, {
          mask: opts.memoryMask,
          keyPaddingMask: opts.memoryKeyPaddingMask,
          cache: cache?.cross,
        });
        crossWeights = r.weights;
        return this.dropout2.forward(r.output);
      };
      const feedForward = (h: tf.Tensor) => this.dropout3.forward(this.ff.forward(h));
      let y: tf.Tensor = tgt;
      if (this.config.normFirst) {
        y = y.add(selfAttention(this.norm1.forward(y))); // x + SelfAttn(norm1(x))
        y = y.add(crossAttention(this.norm2.forward(y))); // x + CrossAttn(norm2(x), memory)
        y = y.add(feedForward(this.norm3.forward(y))); // x + FFN(norm3(x))
      } else {
        y = this.norm1.forward(y.add(selfAttention(y))); // norm1(x + SelfAttn(x))
        y = this.norm2.forward(y.add(crossAttention(y))); // norm2(x + CrossAttn(x, memory))
        y = this.norm3.forward(y.add(feedForward(y))); // norm3(x + FFN(x))
      }
      return { output: y as tf.Tensor3D, selfWeights: selfWeights!, crossWeights: crossWeights! };
    });
  }
}
