/**
 * Counting parameters from a configuration, without building the model (lesson 11). Where the
 * numbers come from, with D the model width, F the feed-forward width, V the vocabulary:
 *
 *   multi-head attention   4·D² + 4·D       W_Q, W_K, W_V, W_O (each D × D) and their biases
 *   feed-forward           2·D·F + F + D    D → F → D, with biases
 *   LayerNorm              2·D              a scale and a shift per dimension
 *   embedding table        V·D              one vector per token (or per position, per segment)
 *
 * An encoder layer (or GPT block) has 1 attention + 1 feed-forward + 2 norms; a decoder layer has
 * 2 attentions + 1 feed-forward + 3 norms. `countParameters(bertBase)` ≈ 110 M,
 * `countParameters(gpt3)` ≈ 175 B, and for small configurations the count equals
 * `model.numParameters()` exactly (tested).
 */
import { BERT_KINDS, BertKind, resolveBertConfig } from "./bert";
import { AtencionError, describe } from "./errors";
import { resolveGptConfig } from "./gpt";
import type { ModelConfig } from "./presets";
import { resolveTransformerConfig } from "./transformer";

/** Where a model's parameters are (lesson 11); the parts add up to `total`. */
export interface ParameterBreakdown {
  /** Token, position and segment embedding tables. */
  embeddings: number;
  /** Every multi-head attention (Q, K, V, O projections and biases). */
  attention: number;
  /** Every feed-forward block. */
  feedForward: number;
  /** Every LayerNorm of the body (layers, embeddings, final norm). */
  layerNorms: number;
  /** Output layers: an untied LM head, BERT's pooler and heads, a classifier. */
  heads: number;
  total: number;
}

const attention = (d: number) => 4 * d * d + 4 * d;
const feedForward = (d: number, f: number) => 2 * d * f + f + d;
const layerNorm = (d: number) => 2 * d;
const linear = (inF: number, outF: number) => inF * outF + outF;

function withTotal(parts: Omit<ParameterBreakdown, "total">): ParameterBreakdown {
  return { ...parts, total: parts.embeddings + parts.attention + parts.feedForward + parts.layerNorms + parts.heads };
}

/** The parameters of a configuration, by part (lesson 11). The configuration must say its `kind` (every preset does). */
export function parameterBreakdown(config: ModelConfig): ParameterBreakdown {
  const kind = (config as { kind?: unknown } | undefined)?.kind;
  if (kind === "gpt") {
    const c = resolveGptConfig(config as ModelConfig & { kind: "gpt" });
    const { vocabSize: v, contextLength, dModel: d, dFF: f, numLayers: l } = c;
    return withTotal({
      embeddings: v * d + contextLength * d,
      attention: l * attention(d),
      feedForward: l * feedForward(d, f),
      layerNorms: l * 2 * layerNorm(d) + layerNorm(d), // two per block, and the final one
      heads: c.tieEmbeddings ? 0 : v * d,
    });
  }
  if (BERT_KINDS.includes(kind as BertKind)) {
    const c = resolveBertConfig(config as ModelConfig & { kind: BertKind }, kind as BertKind);
    const { vocabSize: v, maxLen, typeVocabSize, dModel: d, dFF: f, numLayers: l } = c;
    const pooler = linear(d, d);
    const heads =
      kind === "bertForPreTraining"
        ? pooler + linear(d, d) + layerNorm(d) + v + linear(d, 2) // pooler, MLM transform + norm + output bias (tied decoder), NSP
        : kind === "bertForSequenceClassification"
          ? pooler + linear(d, c.numLabels)
          : pooler;
    return withTotal({
      embeddings: (v + maxLen + typeVocabSize) * d,
      attention: l * attention(d),
      feedForward: l * feedForward(d, f),
      layerNorms: layerNorm(d) + l * 2 * layerNorm(d), // the embeddings' norm, two per layer
      heads,
    });
  }
  if (kind === "transformer") {
    const c = resolveTransformerConfig(config as ModelConfig & { kind: "transformer" });
    const { srcVocabSize, tgtVocabSize, dModel: d, dFF: f, numEncoderLayers: ne, numDecoderLayers: nd, maxLen } = c;
    const tokens = c.shareEmbeddings ? srcVocabSize * d : (srcVocabSize + tgtVocabSize) * d;
    return withTotal({
      embeddings: tokens + (c.positional === "learned" ? 2 * maxLen * d : 0), // sinusoids are not parameters
      attention: (ne + 2 * nd) * attention(d), // decoder layers: self-attention and cross-attention
      feedForward: (ne + nd) * feedForward(d, f),
      layerNorms: (2 * ne + 3 * nd) * layerNorm(d) + (c.normFirst ? 2 * layerNorm(d) : 0), // pre-LN: a final norm per stack
      heads: c.tieEmbeddings ? 0 : tgtVocabSize * d,
    });
  }
  throw new AtencionError(
    `countParameters: la configuración debe decir qué modelo es con 'kind' ("gpt", "bert", "bertForPreTraining", ` +
      `"bertForSequenceClassification" o "transformer"), como los presets; 'kind' es ${describe(kind)}.`,
  );
}

/**
 * The number of parameters of the model a configuration describes, without allocating any weight
 * (lesson 11). Equals `new Model(config).numParameters()`.
 */
export function countParameters(config: ModelConfig): number {
  return parameterBreakdown(config).total;
}
