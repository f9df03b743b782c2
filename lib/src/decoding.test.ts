import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { beamSearch, EncoderDecoderModel, greedyDecode } from "./decoding";
import { Module } from "./module";
import { IdBatch, withIdBatch } from "./model_shared";
import { Transformer } from "./transformer";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const [BOS, EOS, A, B] = [0, 1, 2, 3];

/**
 * A hand-built "model" whose next-token probabilities depend only on the last token (a bigram
 * table); the source is ignored. From BOS, A (0.598) beats B (0.4); but after A the best is EOS
 * at 0.34, while after B it is EOS at 0.9: greedy gives "A" (0.598 · 0.34 = 0.203), the better
 * sentence is "B" (0.4 · 0.9 = 0.36).
 */
class Bigram extends Module implements EncoderDecoderModel {
  readonly config = { numDecoderLayers: 1, tgtVocabSize: 4, srcVocabSize: 4 };
  static readonly TABLE = [
    [0.001, 0.001, 0.598, 0.4], // after BOS
    [0.25, 0.25, 0.25, 0.25], // after EOS (never used)
    [0.001, 0.34, 0.33, 0.329], // after A
    [0.001, 0.9, 0.05, 0.049], // after B
  ];
  encode(src: IdBatch): tf.Tensor3D {
    return withIdBatch("Bigram", "src", src, 4, (ids) => tf.zeros([ids.shape[0], ids.shape[1], 1]) as tf.Tensor3D);
  }
  decode(tgt: IdBatch): tf.Tensor3D {
    return withIdBatch("Bigram", "tgt", tgt, 4, (ids) =>
      tf.tidy(() => tf.gather(tf.tensor2d(Bigram.TABLE).log(), ids.cast("int32")) as tf.Tensor as tf.Tensor3D), // [B, T, V]
    );
  }
}

const opts = { maxLen: 5, bosId: BOS, eosId: EOS };

test("a mano: la búsqueda en haz encuentra «B» (0.36) donde la voraz se queda con «A» (0.203)", () => {
  const model = new Bigram();
  assert.deepEqual(assertNoLeak(() => greedyDecode(model, [[1]], opts)), [[A]]);
  const beam = assertNoLeak(() => beamSearch(model, [[1]], { ...opts, beamSize: 2, lengthPenalty: 0 }));
  assert.deepEqual(beam.sequences, [[B]]);
  assertClose(beam.scores, [Math.log(0.4 * 0.9)], 1e-5);
  assert.deepEqual(beam.hypotheses[0].map((h) => h.ids), [[B], [A]]);
  assertClose(beam.hypotheses[0][1].logProb, Math.log(0.598 * 0.34), 1e-5);
  assert.ok(beam.hypotheses[0].every((h) => h.finished));
  // with α = 1 the score is log P / length (2 tokens each: the word and EOS)
  const normalised = beamSearch(model, [[1]], { ...opts, beamSize: 2, lengthPenalty: 1 });
  assertClose(normalised.scores, [Math.log(0.36) / 2], 1e-5);
  const one = beamSearch(model, [[1]], { ...opts, beamSize: 1 });
  assert.deepEqual(one.sequences, [[A]], "con un haz de 1 es la voraz");
});

test("Transformer real: haz de 1 = voraz, con y sin caché, sin fugas; cortado en maxLen", () => {
  const model = new Transformer({ srcVocabSize: 10, dModel: 16, numHeads: 2, numEncoderLayers: 1, numDecoderLayers: 2, dFF: 32, tieEmbeddings: false, seed: 8 });
  const src = [[3, 4, 5, 6, 0], [7, 8, 9, 0, 0], [5, 5, 4, 2, 2]];
  const o = { maxLen: 7, bosId: 1, eosId: 2, srcPadId: 0 };
  const greedy = assertNoLeak(() => greedyDecode(model, src, o));
  assert.deepEqual(greedyDecode(model, src, { ...o, useCache: false }), greedy);
  assert.ok(greedy.every((s) => s.length <= 7 && !s.includes(2)));
  assert.ok(new Set(greedy.flat()).size > 1, `salidas variadas: ${JSON.stringify(greedy)}`);
  const beam1 = assertNoLeak(() => beamSearch(model, src, { ...o, beamSize: 1 }));
  assert.deepEqual(beam1.sequences, greedy);
  const beam3 = assertNoLeak(() => beamSearch(model, src, { ...o, beamSize: 3, lengthPenalty: 0.6 }));
  assert.deepEqual(beamSearch(model, src, { ...o, beamSize: 3, lengthPenalty: 0.6, useCache: false }), beam3);
  assert.ok(beam3.hypotheses.every((hs) => hs.length === 3 && hs[0].score >= hs[1].score && hs[1].score >= hs[2].score));
  assert.equal(model.training, true, "el modo del modelo se restaura");
  model.dispose();
});

test("errores en español", () => {
  const model = new Bigram();
  assert.throws(() => greedyDecode(model, [[1]], { ...opts, maxLen: 0 }), /greedyDecode: 'maxLen' debe ser un entero ≥ 1/);
  assert.throws(() => greedyDecode(model, [[1]], { ...opts, bosId: 4 }), /'bosId' debe ser un entero entre 0 y 3, y es 4/);
  assert.throws(() => beamSearch(model, [[1]], { ...opts, beamSize: 0 }), /beamSearch: 'beamSize' debe ser un entero ≥ 1/);
  assert.throws(() => beamSearch(model, [[7]], opts), /el id 7 .* fuera del vocabulario/);
  assert.throws(() => greedyDecode(model, [[1]], { ...opts, srcPadId: 5 }), /'srcPadId' debe ser un entero entre 0 y 3/);
});
