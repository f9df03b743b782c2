import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Bert } from "./bert";
import { BertForPreTraining, BertForSequenceClassification } from "./bert_heads";
import { Gpt } from "./gpt";
import { countParameters, parameterBreakdown } from "./parameter_count";
import { bertBase, bertLarge, bertMini, bertTiny, gpt2Small, gpt3, gptMicro, gptNano, ModelConfig, transformerBase, transformerBig, transformerTiny } from "./presets";
import { Transformer } from "./transformer";

before(ready);

test("las cifras publicadas: BERT-base ≈ 110 M, BERT-large ≈ 340 M, GPT-2 124 M, GPT-3 ≈ 175 B, Transformer base ≈ 65 M", () => {
  const before = tf.memory().numTensors;
  // BERT-base: embeddings (30 522 + 512 + 2)·768 + LN 1 536 = 23 837 184; 12 layers × 7 087 872; pooler 590 592
  assert.equal(countParameters(bertBase), 23_837_184 + 12 * 7_087_872 + 590_592);
  assert.equal(countParameters(bertBase), 109_482_240); // Hugging Face's bert-base-uncased BertModel
  assert.equal(countParameters(bertLarge), 335_141_888);
  assert.equal(countParameters({ ...bertBase, kind: "bertForPreTraining" }), 110_106_428); // + MLM and NSP heads
  assert.equal(countParameters(gpt2Small), 124_439_808); // GPT-2 small as published
  // GPT-3: 96 × (12·d² + 13·d) + (50 257 + 2048)·d + 2·d, d = 12 288
  const d = 12288;
  assert.equal(countParameters(gpt3), 96 * (12 * d * d + 13 * d) + (50257 + 2048) * d + 2 * d);
  assert.ok(Math.abs(countParameters(gpt3) / 175e9 - 1) < 0.01, `${countParameters(gpt3)}`);
  // Transformer base, one shared 37 000 × 512 table: 6 × 3 152 384 + 6 × 4 204 032 + 18 944 000
  assert.equal(countParameters(transformerBase), 6 * 3_152_384 + 6 * 4_204_032 + 37000 * 512);
  assert.ok(Math.abs(countParameters(transformerBig) / 213e6 - 1) < 0.01);
  assert.equal(tf.memory().numTensors, before, "contar no crea tensores");
});

test("desglose: las partes suman el total; GPT-3 es casi todo capas, BERT-mini casi todo embeddings de vocabulario", () => {
  const g = parameterBreakdown(gpt3);
  assert.equal(g.embeddings + g.attention + g.feedForward + g.layerNorms + g.heads, g.total);
  const d = 12288;
  assert.equal(g.attention, 96 * (4 * d * d + 4 * d));
  assert.equal(g.feedForward, 96 * (2 * d * 4 * d + 4 * d + d)); // twice the attention: 8·d² against 4·d²
  assert.ok((g.attention + g.feedForward) / g.total > 0.99);
  assert.equal(parameterBreakdown({ ...bertMini, vocabSize: 30522 }).embeddings, (30522 + 128 + 2) * 256);
});

test("countParameters(config) === model.numParameters() en configuraciones pequeñas de cada modelo", () => {
  const configs: ModelConfig[] = [
    { ...gptNano, vocabSize: 20 },
    { ...gptMicro, vocabSize: 30, numLayers: 1, tieEmbeddings: false },
    { ...bertTiny, vocabSize: 50 },
    { ...bertTiny, vocabSize: 50, kind: "bertForPreTraining", numLayers: 1 },
    { ...bertTiny, vocabSize: 50, kind: "bertForSequenceClassification", numLabels: 3, numLayers: 1 },
    { ...transformerTiny, srcVocabSize: 20, tgtVocabSize: 15 },
    { ...transformerTiny, srcVocabSize: 20, shareEmbeddings: true, positional: "learned", normFirst: true, tieEmbeddings: false, numDecoderLayers: 1 },
  ];
  for (const config of configs) {
    const model =
      config.kind === "gpt" ? new Gpt(config)
      : config.kind === "transformer" ? new Transformer(config)
      : config.kind === "bertForPreTraining" ? new BertForPreTraining(config)
      : config.kind === "bertForSequenceClassification" ? new BertForSequenceClassification(config)
      : new Bert(config);
    assert.equal(countParameters(config), model.numParameters(), JSON.stringify(config));
    assert.equal(countParameters(model.config), model.numParameters(), "también con la configuración resuelta del modelo");
    model.dispose();
  }
});

test("errores en español", () => {
  assert.throws(() => countParameters({ vocabSize: 10 } as never), /countParameters: la configuración debe decir qué modelo es con 'kind'.*'kind' es undefined/);
  assert.throws(() => countParameters({ ...gpt3, numHeads: 7 }), /Gpt: dModel = 12288 debe ser divisible por numHeads = 7/);
});
