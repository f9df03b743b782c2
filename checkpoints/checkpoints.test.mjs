// The shipped checkpoints: each loads with loadModelFile, has the configuration its README states,
// runs a forward pass of the right shape and leaves no tensors behind. Their accuracy is measured
// in the lessons, on held-out data, not here.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import atencion from "atencion";

const { tf, ready, loadModelFile, loadNumeros, loadTraduccion, SPECIAL_TOKENS, PAD_ID, BOS_ID, greedyDecode, EOS_ID } = atencion;
const here = path.dirname(fileURLToPath(import.meta.url));

before(ready);

// Lesson 08: an encoder–decoder Transformer (transformerTiny) per data set; vocabularies = special tokens + the data set's symbols.
const seq2seq = [
  { name: "numeros", src: () => loadNumeros().vocab.source.length, tgt: () => loadNumeros().vocab.targetWords.length, srcLen: 9, tgtLen: 15 },
  { name: "traduccion", src: () => loadTraduccion().vocab.source.length, tgt: () => loadTraduccion().vocab.target.length, srcLen: 14, tgtLen: 16 },
];

for (const c of seq2seq) {
  test(`checkpoints/${c.name}: Transformer transformerTiny, forward [B, Tt, V] y decodificación sin fugas`, () => {
    const file = path.join(here, c.name, "model.safetensors");
    assert.ok(statSync(file).size < 3e6, "cada punto de control pesa menos de 3 MB");
    const start = tf.memory().numTensors;
    const model = loadModelFile(file, "transformer");
    try {
      const cfg = model.config;
      const srcVocab = SPECIAL_TOKENS.length + c.src();
      const tgtVocab = SPECIAL_TOKENS.length + c.tgt();
      assert.deepEqual(
        [cfg.kind, cfg.srcVocabSize, cfg.tgtVocabSize, cfg.dModel, cfg.numHeads, cfg.numEncoderLayers, cfg.numDecoderLayers, cfg.dFF, cfg.maxLen],
        ["transformer", srcVocab, tgtVocab, 64, 4, 2, 2, 256, 32],
      );
      assert.equal(model.training, false, "loadModelFile devuelve el modelo en modo evaluación");
      const src = [Array.from({ length: c.srcLen }, (_, i) => (i < 2 ? PAD_ID : SPECIAL_TOKENS.length + (i % (srcVocab - SPECIAL_TOKENS.length))))];
      const tgt = [[BOS_ID, ...Array.from({ length: c.tgtLen - 1 }, (_, i) => SPECIAL_TOKENS.length + i)]];
      const logits = model.forward(src, tgt, { srcPadId: PAD_ID });
      assert.deepEqual(logits.shape, [1, c.tgtLen, tgtVocab]);
      assert.ok(logits.dataSync().every(Number.isFinite));
      logits.dispose();
      const out = greedyDecode(model, src, { maxLen: 4, bosId: BOS_ID, eosId: EOS_ID, srcPadId: PAD_ID });
      assert.equal(out.length, 1);
      assert.ok(out[0].length <= 4 && out[0].every((id) => Number.isInteger(id) && id >= 0 && id < tgtVocab));
    } finally {
      model.dispose();
    }
    assert.equal(tf.memory().numTensors, start);
  });
}
