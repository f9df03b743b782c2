import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { Bert } from "./bert";
import { BertForPreTraining, BertForSequenceClassification } from "./bert_heads";
import { gelu } from "./feedforward";
import { crossEntropy } from "./losses";
import { IGNORE_INDEX } from "./masking";
import { bertMini, transformerTiny } from "./presets";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const small = { vocabSize: 11, maxLen: 8, dModel: 4, numHeads: 2, numLayers: 2, dFF: 8, dropout: 0 };

/** LayerNorm of one vector (weight 1, bias 0) in double precision. */
const ln = (x: number[], eps = 1e-12) => {
  const m = x.reduce((a, b) => a + b, 0) / x.length;
  const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
  return x.map((xi) => (xi - m) / Math.sqrt(v + eps));
};

test("parámetros con los nombres de BERT; valores por defecto = bertMini", () => {
  const bert = new Bert(small);
  const names = Object.keys(bert.stateDict());
  assert.deepEqual(names.slice(0, 5), [
    "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
    "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
  ]);
  assert.ok(names.includes("encoder.layers.1.self_attn.in_proj_weight"));
  assert.deepEqual(names.slice(-2), ["pooler.dense.weight", "pooler.dense.bias"]);
  assert.equal(bert.encoder.layers[0].config.activation, "gelu");
  assert.equal(bert.encoder.layers[0].config.normFirst, false);
  assert.equal(bert.config.layerNormEps, 1e-12);
  const defaults = new Bert({ vocabSize: 1000 });
  const preset = new Bert(bertMini);
  assert.equal(defaults.numParameters(), preset.numParameters());
  [bert, defaults, preset].forEach((m) => m.dispose());
});

test("a mano: con las capas a cero, hidden = LN(palabra + posición + segmento) y pooled = tanh(hidden[CLS])", () => {
  const bert = new Bert({ ...small, numLayers: 1, typeVocabSize: 2 });
  const word = Array.from({ length: 11 }, (_, i) => [i / 10, -i / 20, (i % 3) / 5, 0.3]);
  const pos = Array.from({ length: 8 }, (_, p) => [0, p / 7, -p / 9, p / 4]);
  const seg = [[0.1, 0.2, 0.3, 0.4], [-0.4, 0.1, 0, 0.2]];
  tf.tidy(() => {
    for (const [name, p] of bert.namedParameters()) if (name.startsWith("encoder.layers.")) p.assign(name.includes("norm") && name.endsWith("weight") ? tf.onesLike(p) : tf.zerosLike(p));
    bert.embeddings.word_embeddings.weight.assign(tf.tensor2d(word));
    bert.embeddings.position_embeddings.weight.assign(tf.tensor2d(pos));
    bert.embeddings.token_type_embeddings.weight.assign(tf.tensor2d(seg));
    bert.pooler.weight.assign(tf.eye(4));
    bert.pooler.bias!.assign(tf.zeros([4]));
  });
  const ids = [5, 2, 9];
  const segments = [0, 1, 1];
  // post-LN with null branches: norm2(norm1(x)) = LN(LN(x)) = LN(x)
  const expected = ids.map((id, p) => ln(ln(ln(word[id].map((w, j) => w + pos[p][j] + seg[segments[p]][j])))));
  const out = assertNoLeak(() => bert.forward([ids], { segmentIds: [segments] }), 2);
  assertClose(out.hidden, [expected], 1e-5);
  assertClose(out.pooled, [expected[0].map(Math.tanh)], 1e-5);
  tf.dispose([out.hidden, out.pooled]);
  bert.dispose();
});

test("segmentos y máscara de atención: el relleno no cambia las posiciones reales", () => {
  const bert = new Bert({ ...small, seed: 2 });
  const a = bert.forward([[2, 3, 4]]);
  const zeros = bert.forward([[2, 3, 4]], { segmentIds: [[0, 0, 0]] });
  const ones = bert.forward([[2, 3, 4]], { segmentIds: [[0, 1, 1]] });
  assertClose(zeros.hidden, a.hidden, 1e-6);
  assert.ok(tf.tidy(() => ones.hidden.sub(a.hidden).abs().max().dataSync()[0]) > 1e-3, "el segmento B cambia la salida");
  const mask = tf.tensor2d([[1, 1, 1, 0, 0]]);
  const padded = bert.forwardWithAttention([[2, 3, 4, 0, 0]], { attentionMask: mask });
  tf.tidy(() => assertClose(tf.slice(padded.hidden, [0, 0, 0], [1, 3, 4]), a.hidden, 1e-5));
  assertClose(padded.pooled, a.pooled, 1e-5);
  assert.equal(padded.attention.length, 2);
  assert.deepEqual(padded.attention[0].shape, [1, 2, 5, 5]);
  assert.equal((padded.attention[1].arraySync() as number[][][][])[0][1][2][4], 0, "nadie atiende al relleno");
  tf.dispose([a.hidden, a.pooled, zeros.hidden, zeros.pooled, ones.hidden, ones.pooled, mask, padded.hidden, padded.pooled, ...padded.attention]);
  bert.dispose();
});

test("BertForPreTraining: MLM = LN(gelu(dense(h)))·E_tokᵀ + sesgo, con el embedding atado; NSP de 2 clases", () => {
  const model = new BertForPreTraining({ ...small, seed: 3 }).eval();
  const names = Object.keys(model.stateDict());
  assert.deepEqual(names.filter((n) => !n.startsWith("bert.")), [
    "mlm_head.bias", "mlm_head.dense.weight", "mlm_head.dense.bias", "mlm_head.LayerNorm.weight", "mlm_head.LayerNorm.bias", "nsp_head.weight", "nsp_head.bias",
  ]);
  tf.tidy(() => model.mlm_head.bias.assign(tf.linspace(-1, 1, 11)));
  const ids = [[1, 2, 3, 4]];
  const out = assertNoLeak(() => model.forward(ids), 2);
  assert.deepEqual(out.mlmLogits.shape, [1, 4, 11]);
  assert.deepEqual(out.nspLogits.shape, [1, 2]);
  tf.tidy(() => {
    const { hidden, pooled } = model.bert.forward(ids);
    const h = model.mlm_head.LayerNorm.forward(gelu(model.mlm_head.dense.forward(hidden)));
    const byHand = tf.matMul(h.reshape([4, 4]), model.bert.embeddings.word_embeddings.weight, false, true).add(tf.linspace(-1, 1, 11));
    assertClose(out.mlmLogits, byHand.reshape([1, 4, 11]), 1e-5);
    assertClose(out.nspLogits, model.nsp_head.forward(pooled), 1e-6);
  });
  tf.dispose([out.mlmLogits, out.nspLogits]);
  model.dispose();
});

test("pre-entrenamiento y ajuste fino: un paso sin fugas, y el cuerpo se copia a la clasificación", () => {
  const pre = new BertForPreTraining({ ...small, dropout: 0.1 });
  const ids = tf.tensor2d([[1, 10, 3, 2], [1, 4, 10, 2]], undefined, "int32");
  const labels = tf.tensor2d([[IGNORE_INDEX, 5, IGNORE_INDEX, IGNORE_INDEX], [IGNORE_INDEX, IGNORE_INDEX, 6, IGNORE_INDEX]], undefined, "int32");
  const isNext = tf.tensor1d([0, 1], "int32");
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => {
      const { mlmLogits, nspLogits } = pre.forward(ids);
      return crossEntropy(mlmLogits, labels, { ignoreIndex: IGNORE_INDEX }).add(crossEntropy(nspLogits, isNext)) as tf.Scalar;
    });
    assert.equal(Object.keys(grads).length, pre.parameters().length);
    tf.dispose([value, ...Object.values(grads)]);
  });
  const cls = new BertForSequenceClassification({ ...small, numLabels: 3 }).eval();
  assert.equal(cls.config.kind, "bertForSequenceClassification");
  cls.bert.loadStateDict(pre.bert.stateDict());
  pre.eval();
  const logits = assertNoLeak(() => cls.forward(ids), 1);
  assert.deepEqual(logits.shape, [2, 3]);
  tf.tidy(() => assertClose(logits, cls.classifier.forward(pre.bert.forward(ids).pooled), 1e-6));
  tf.dispose([ids, labels, isNext, logits]);
  [pre, cls].forEach((m) => m.dispose());
});

test("errores en español", () => {
  const bert = new Bert(small);
  const badMask = tf.ones([1, 4]);
  assert.throws(() => bert.forward([[1, 2, 3]], { attentionMask: badMask }), /Bert: 'attentionMask' debe tener forma \[1, 3\] \[B, T\], como 'ids', pero tiene forma \[1, 4\]/);
  assert.throws(() => bert.forward([[1, 2, 3]], { segmentIds: [[0, 2, 0]] }), /Bert: el id 2 \(posición 1 de 'segmentIds'.*entre 0 y 1/);
  assert.throws(() => bert.forward([[1, 2, 3]], { segmentIds: [[0, 1]] }), /'segmentIds' debe tener forma \[1, 3\]/);
  assert.throws(() => bert.forward([[1, 2, 3, 4, 5, 6, 7, 8, 9]]), /Bert: la entrada tiene 9 tokens, más que maxLen = 8/);
  assert.throws(() => bert.forward([[11]]), /Bert: el id 11/);
  assert.throws(() => new Bert({ ...small, numHeads: 3 }), /Bert: dModel = 4 debe ser divisible por numHeads = 3/);
  assert.throws(() => new BertForSequenceClassification({ ...small, numLabels: 0 }), /'numLabels' debe ser un entero ≥ 1/);
  assert.throws(() => new Bert(transformerTiny as never), /Bert: esta configuración es de un modelo "transformer"/);
  badMask.dispose();
  bert.dispose();
});
