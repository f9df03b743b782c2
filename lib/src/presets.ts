/**
 * Named model sizes (lessons 08–11). The small ones train on a 2-core laptop in the lessons; the
 * published ones (`transformerBase`, `bertBase`, `bertLarge`, `gpt2Small`, `gpt3`) are there to
 * count parameters with `countParameters` (lesson 11): building them would need gigabytes.
 *
 * Use a preset as it is or override fields: `new Gpt({ ...gptNano, vocabSize: tokenizer.vocabSize })`.
 */
import type { BertConfig } from "./bert";
import type { GptConfig } from "./gpt";
import type { TransformerConfig } from "./transformer";

/** A configuration that says which model it is (lesson 11): every preset, and what `countParameters` takes. */
export type ModelConfig =
  | (GptConfig & { kind: "gpt" })
  | (BertConfig & { kind: NonNullable<BertConfig["kind"]> })
  | (TransformerConfig & { kind: "transformer" });

// --- GPT (lesson 10) --------------------------------------------------------------------------

/** (lesson 10) A GPT to train in a lesson: D 64, 4 heads, 2 blocks, context 64, byte-sized vocabulary (override it). */
export const gptNano = Object.freeze({ kind: "gpt", vocabSize: 256, contextLength: 64, dModel: 64, numHeads: 4, numLayers: 2, dFF: 256 } as const);

/** (lesson 10) A slightly larger GPT for character-level text: D 128, 4 heads, 4 blocks, context 128. */
export const gptMicro = Object.freeze({ kind: "gpt", vocabSize: 256, contextLength: 128, dModel: 128, numHeads: 4, numLayers: 4, dFF: 512 } as const);

/** (lesson 11) GPT-2 small (Radford et al., 2019): 12 layers, D 768, 12 heads, context 1024, 50 257 BPE tokens. ≈ 124 M parameters. */
export const gpt2Small = Object.freeze({ kind: "gpt", vocabSize: 50257, contextLength: 1024, dModel: 768, numHeads: 12, numLayers: 12, dFF: 3072 } as const);

/** (lesson 11) GPT-3 175B (Brown et al., 2020, Table 2.1): 96 layers, D 12 288, 96 heads, context 2048. ≈ 175 B parameters. */
export const gpt3 = Object.freeze({ kind: "gpt", vocabSize: 50257, contextLength: 2048, dModel: 12288, numHeads: 96, numLayers: 96, dFF: 49152 } as const);

// --- BERT (lesson 09) -------------------------------------------------------------------------

/** (lesson 09) BERT-tiny (Turc et al., 2019): 2 layers, D 128, 2 heads; small vocabulary (override it). */
export const bertTiny = Object.freeze({ kind: "bert", vocabSize: 1000, maxLen: 128, dModel: 128, numHeads: 2, numLayers: 2, dFF: 512 } as const);

/** (lesson 09) BERT-mini (Turc et al., 2019): 4 layers, D 256, 4 heads; small vocabulary (override it). */
export const bertMini = Object.freeze({ kind: "bert", vocabSize: 1000, maxLen: 128, dModel: 256, numHeads: 4, numLayers: 4, dFF: 1024 } as const);

/** (lesson 11) BERT-base (Devlin et al., 2019): 12 layers, D 768, 12 heads, 30 522 WordPiece tokens, 512 positions. ≈ 110 M parameters. */
export const bertBase = Object.freeze({ kind: "bert", vocabSize: 30522, maxLen: 512, dModel: 768, numHeads: 12, numLayers: 12, dFF: 3072 } as const);

/** (lesson 11) BERT-large (Devlin et al., 2019): 24 layers, D 1024, 16 heads. ≈ 340 M parameters. */
export const bertLarge = Object.freeze({ kind: "bert", vocabSize: 30522, maxLen: 512, dModel: 1024, numHeads: 16, numLayers: 24, dFF: 4096 } as const);

// --- The encoder–decoder Transformer (lesson 08) ----------------------------------------------

/** (lesson 08) A Transformer to train in a lesson: D 64, 4 heads, 2 + 2 layers, dFF 256, up to 64 positions. */
export const transformerTiny = Object.freeze({
  kind: "transformer", srcVocabSize: 256, dModel: 64, numHeads: 4, numEncoderLayers: 2, numDecoderLayers: 2, dFF: 256, maxLen: 64,
} as const);

/**
 * (lesson 11) The paper's base model (Vaswani et al., 2017, Table 3): D 512, 8 heads, d_ff 2048, 6 + 6 layers,
 * one 37 000-token BPE vocabulary shared by source, target and output projection. ≈ 63 M parameters
 * with this vocabulary (the paper reports 65 M).
 */
export const transformerBase = Object.freeze({
  kind: "transformer", srcVocabSize: 37000, dModel: 512, numHeads: 8, numEncoderLayers: 6, numDecoderLayers: 6, dFF: 2048, maxLen: 512,
  shareEmbeddings: true, tieEmbeddings: true,
} as const);

/** (lesson 11) The paper's big model: D 1024, 16 heads, d_ff 4096, 6 + 6 layers (the paper reports 213 M parameters). */
export const transformerBig = Object.freeze({ ...transformerBase, dModel: 1024, numHeads: 16, dFF: 4096 } as const);
