/**
 * Stacks of transformer layers (lessons 07–08), as `torch.nn.TransformerEncoder` and
 * `torch.nn.TransformerDecoder`: N layers applied one after the other, and an optional final
 * LayerNorm. Pre-LN stacks need that final norm (each layer adds to the residual stream without
 * normalising it); post-LN stacks already end in a norm.
 *
 * Children are named as PyTorch's: `layers.0.*`, `layers.1.*`, …, `norm.*`.
 */
import { tf } from "./backend";
import { TransformerDecoderLayer, DecoderLayerOptions } from "./decoder_layer";
import { EncoderLayerOptions, resolveLayerConfig, TransformerEncoderLayer, TransformerLayerConfig } from "./encoder_layer";
import { AtencionError, checkInt } from "./errors";
import type { TransformerCache } from "./kv_cache";
import { LayerNorm } from "./layernorm";
import { Module } from "./module";
import { Rng } from "./random";

/** Configuration of a `TransformerEncoder` or `TransformerDecoder` (lessons 07–08). */
export interface TransformerStackConfig extends TransformerLayerConfig {
  /** Number of layers N. */
  numLayers: number;
  /** A LayerNorm after the last layer (default: `true` for pre-LN stacks, `false` for post-LN). */
  finalNorm?: boolean;
}

/** Options of `TransformerEncoder.forward` (lesson 07): the layer options, with one cache per layer. */
export interface EncoderStackOptions extends Omit<EncoderLayerOptions, "cache"> {
  /** Incremental decoding (a GPT stack): `cache.layers[i]` goes to layer i. */
  cache?: TransformerCache;
}

/** Options of `TransformerDecoder.forward` (lesson 08): the layer options, with one cache per layer. */
export interface DecoderStackOptions extends Omit<DecoderLayerOptions, "cache"> {
  /** Incremental decoding: `cache.layers[i]` goes to layer i. */
  cache?: TransformerCache;
}

/** Builds the layers and the optional final norm of a stack; returns them after registering them. */
function buildStack<L extends Module>(
  owner: string,
  config: TransformerStackConfig,
  register: <M extends Module>(name: string, m: M) => M,
  makeLayer: (cfg: TransformerLayerConfig) => L,
): { layers: L[]; norm: LayerNorm | undefined; numLayers: number } {
  const numLayers = checkInt(owner, "numLayers", config.numLayers);
  const cfg = resolveLayerConfig(owner, config);
  const rng = new Rng(cfg.seed);
  // Each layer gets its own seed: with one shared seed every layer would start identical.
  const layers = Array.from({ length: numLayers }, (_, i) => register(`layers.${i}`, makeLayer({ ...cfg, seed: rng.seed() })));
  const wantNorm = config.finalNorm ?? cfg.normFirst;
  const norm = wantNorm ? register("norm", new LayerNorm({ dim: cfg.dModel, eps: cfg.layerNormEps })) : undefined;
  return { layers, norm, numLayers };
}

function checkCache(owner: string, cache: TransformerCache | undefined, numLayers: number): void {
  if (cache !== undefined && cache.layers.length !== numLayers) {
    throw new AtencionError(
      `${owner}: la caché tiene ${cache.layers.length} capas, pero la pila tiene ${numLayers}; crea una con new TransformerCache(${numLayers}).`,
    );
  }
}

/**
 * N encoder layers and an optional final LayerNorm (lesson 07): `x [B, T, D] → [B, T, D]`.
 * With a causal mask and pre-LN layers it is the body of a GPT (lesson 10).
 */
export class TransformerEncoder extends Module {
  readonly numLayers: number;
  readonly layers: TransformerEncoderLayer[];
  /** The final LayerNorm, if any. */
  readonly norm: LayerNorm | undefined;

  constructor(config: TransformerStackConfig) {
    super();
    const built = buildStack("TransformerEncoder", config, (n, m) => this.addModule(n, m), (c) => new TransformerEncoderLayer(c));
    this.layers = built.layers;
    this.norm = built.norm;
    this.numLayers = built.numLayers;
  }

  /** `x [B, T, D] → [B, T, D]`. */
  forward(x: tf.Tensor, opts: EncoderStackOptions = {}): tf.Tensor3D {
    return tf.tidy(() => this.run(x, opts, false).output);
  }

  /** Like `forward`, and also each layer's self-attention weights `[B, H, T, Tk]` (for plots). */
  forwardWithWeights(x: tf.Tensor, opts: EncoderStackOptions = {}): { output: tf.Tensor3D; weights: tf.Tensor4D[] } {
    return tf.tidy(() => this.run(x, opts, true));
  }

  private run(x: tf.Tensor, opts: EncoderStackOptions, keepWeights: boolean): { output: tf.Tensor3D; weights: tf.Tensor4D[] } {
    checkCache("TransformerEncoder", opts.cache, this.numLayers);
    const weights: tf.Tensor4D[] = [];
    let h = x as tf.Tensor3D;
    this.layers.forEach((layer, i) => {
      const layerOpts = { mask: opts.mask, keyPaddingMask: opts.keyPaddingMask, cache: opts.cache?.layers[i] };
      if (keepWeights) {
        const r = layer.forwardWithWeights(h, layerOpts);
        weights.push(r.weights);
        h = r.output;
      } else {
        h = layer.forward(h, layerOpts);
      }
    });
    const output = (this.norm === undefined ? h : this.norm.forward(h)) as tf.Tensor3D;
    return { output, weights };
  }
}

/**
 * N decoder layers and an optional final LayerNorm (lesson 08):
 * `tgt [B, Tt, D]`, `memory [B, Ts, D] → [B, Tt, D]`.
 */
export class TransformerDecoder extends Module {
  readonly numLayers: number;
  readonly layers: TransformerDecoderLayer[];
  /** The final LayerNorm, if any. */
  readonly norm: LayerNorm | undefined;

  constructor(config: TransformerStackConfig) {
    super();
    const built = buildStack("TransformerDecoder", config, (n, m) => this.addModule(n, m), (c) => new TransformerDecoderLayer(c));
    this.layers = built.layers;
    this.norm = built.norm;
    this.numLayers = built.numLayers;
  }

  /** `tgt [B, Tt, D]`, `memory [B, Ts, D] → [B, Tt, D]`. */
  forward(tgt: tf.Tensor, memory: tf.Tensor, opts: DecoderStackOptions = {}): tf.Tensor3D {
    return tf.tidy(() => this.run(tgt, memory, opts, false).output);
  }

  /** Like `forward`, and also each layer's self- and cross-attention weights (for plots). */
  forwardWithWeights(
    tgt: tf.Tensor,
    memory: tf.Tensor,
    opts: DecoderStackOptions = {},
  ): { output: tf.Tensor3D; selfWeights: tf.Tensor4D[]; crossWeights: tf.Tensor4D[] } {
    return tf.tidy(() => this.run(tgt, memory, opts, true));
  }

  private run(
    tgt: tf.Tensor,
    memory: tf.Tensor,
    opts: DecoderStackOptions,
    keepWeights: boolean,
  ): { output: tf.Tensor3D; selfWeights: tf.Tensor4D[]; crossWeights: tf.Tensor4D[] } {
    checkCache("TransformerDecoder", opts.cache, this.numLayers);
    const selfWeights: tf.Tensor4D[] = [];
    const crossWeights: tf.Tensor4D[] = [];
    let h = tgt as tf.Tensor3D;
    this.layers.forEach((layer, i) => {
      const { cache, ...rest } = opts;
      const layerOpts = { ...rest, cache: cache?.layers[i] };
      if (keepWeights) {
        const r = layer.forwardWithWeights(h, memory, layerOpts);
        selfWeights.push(r.selfWeights);
        crossWeights.push(r.crossWeights);
        h = r.output;
      } else {
        h = layer.forward(h, memory, layerOpts);
      }
    });
    const output = (this.norm === undefined ? h : this.norm.forward(h)) as tf.Tensor3D;
    return { output, selfWeights, crossWeights };
  }
}
