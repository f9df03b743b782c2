import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";
import { TransformerCache } from "./kv_cache";
import { crossEntropy } from "./losses";
import { gptNano } from "./presets";
import { Transformer } from "./transformer";
import { assertClose, assertNoLeak } from "./testing";

before(ready);

const small = { srcVocabSize: 9, tgtVocabSize: 7, dModel: 8, numHeads: 2, numEncoderLayers: 2, numDecoderLayers: 1, dFF: 16, maxLen: 10, dropout: 0 };

test("parámetros según la configuración: tablas separadas o compartidas, posiciones, normas finales, lm_head", () => {
  const names = (m: Transformer) => Object.keys(m.stateDict());
  const base = new Transformer(small);
  assert.deepEqual(names(base).slice(0, 2), ["src_tok_emb.weight", "tgt_tok_emb.weight"]);
  assert.equal(names(base).at(-1), "pe");
  assert.deepEqual(base.pe!.shape, [10, 8], "las sinusoides son un buffer, no un parámetro");
  assert.ok(names(base).includes("encoder.layers.1.linear2.bias") && names(base).includes("decoder.layers.0.multihead_attn.in_proj_weight"));
  assert.ok(!names(base).some((n) => n.endsWith("norm.weight") && !n.includes("layers")), "post-LN: sin normas finales");
  const variant = new Transformer({ ...small, tgtVocabSize: 9, shareEmbeddings: true, positional: "learned", normFirst: true, tieEmbeddings: false });
  const v = names(variant);
  assert.ok(v.includes("tok_emb.weight") && !v.includes("src_tok_emb.weight"));
  assert.ok(v.includes("src_pos_emb.weight") && v.includes("tgt_pos_emb.weight") && !v.includes("pe"));
  assert.ok(v.includes("encoder.norm.weight") && v.includes("decoder.norm.bias") && v.includes("lm_head.weight"));
  assert.equal(variant.srcEmbedding, variant.tgtEmbedding);
  [base, variant].forEach((m) => m.dispose());
});

test("a mano: con las capas a cero (pre-LN), memory = LN(E[src]·√d + PE) y logits = LN(E[tgt]·√d + PE)·Eᵀ", () => {
  const model = new Transformer({ srcVocabSize: 3, dModel: 2, numHeads: 1, numEncoderLayers: 1, numDecoderLayers: 1, dFF: 2, maxLen: 4, normFirst: true, dropout: 0 });
  const e = [[0.2, 0.1], [-0.3, 0.4], [0.5, -0.5]];
  tf.tidy(() => {
    for (const [name, p] of model.namedParameters()) if (name.includes("layers.")) p.assign(tf.zerosLike(p));
    model.srcEmbedding.weight.assign(tf.tensor2d(e));
    model.tgtEmbedding.weight.assign(tf.tensor2d(e.map(([a, b]) => [b, a])));
  });
  const ln = ([a, b]: number[]) => {
    const s = Math.sqrt(((a - b) / 2) ** 2 + 1e-5);
    return [(a - b) / 2 / s, (b - a) / 2 / s];
  };
  // d = 2: PE(p) = [sin p, cos p]
  const embed = (table: number[][], ids: number[]) => ids.map((id, p) => ln([table[id][0] * Math.SQRT2 + Math.sin(p), table[id][1] * Math.SQRT2 + Math.cos(p)]));
  const memory = assertNoLeak(() => model.encode([[2, 0, 1]]), 1);
  assertClose(memory, [embed(e, [2, 0, 1])], 1e-5);
  const eT = e.map(([a, b]) => [b, a]);
  const expected = embed(eT, [1, 2]).map((h) => eT.map((row) => h[0] * row[0] + h[1] * row[1]));
  const logits = assertNoLeak(() => model.decode([[1, 2]], memory), 1);
  assertClose(logits, [expected], 1e-5);
  tf.dispose([memory, logits]);
  model.dispose();
});

test("relleno del origen: añadir posiciones con srcPadId no cambia nada; mapas de atención por capa", () => {
  const model = new Transformer({ ...small, seed: 5 });
  const a = model.forward([[3, 4, 5]], [[1, 2, 3]]);
  const b = model.forward([[3, 4, 5, 0, 0]], [[1, 2, 3]], { srcPadId: 0 });
  assertClose(b, a, 1e-5);
  const { logits, attention } = assertNoLeak(() => model.forwardWithAttention([[3, 4, 5, 0], [6, 7, 8, 2]], [[1, 2], [2, 1]], { srcPadId: 0 }), 1 + 2 + 1 + 1);
  assert.deepEqual(logits.shape, [2, 2, 7]);
  assert.deepEqual(attention.encoderSelf.map((w) => w.shape), [[2, 2, 4, 4], [2, 2, 4, 4]]);
  assert.deepEqual(attention.decoderSelf[0].shape, [2, 2, 2, 2]);
  assert.deepEqual(attention.cross[0].shape, [2, 2, 2, 4], "[B, H, Tt, Ts]: una fila por posición del destino");
  const cross = attention.cross[0].arraySync() as number[][][][];
  assert.equal(cross[0][1][1][3], 0, "nadie atiende al relleno");
  assert.ok(cross[1][1][1][3] > 0);
  tf.dispose([a, b, logits, ...attention.encoderSelf, ...attention.decoderSelf, ...attention.cross]);
  model.dispose();
});

test("caché del decodificador: token a token igual a la pasada completa (1e-5)", () => {
  for (const normFirst of [false, true]) {
    const model = new Transformer({ ...small, normFirst, positional: normFirst ? "learned" : "sinusoidal", seed: 6 });
    const src = [[3, 4, 5, 0], [6, 7, 8, 2]];
    const tgt = [[1, 2, 3, 4], [1, 4, 3, 2]];
    const full = model.forward(src, tgt, { srcPadId: 0 });
    const memory = model.encode(src, { srcPadId: 0 });
    const mask = tf.tensor2d([[1, 1, 1, 0], [1, 1, 1, 1]]);
    const cache = new TransformerCache(1);
    const steps = [0, 1, 2, 3].map((t) => model.decode(tgt.map((r) => [r[t]]), memory, { memoryKeyPaddingMask: mask, cache }));
    tf.tidy(() => assertClose(tf.concat(steps, 1), full, 1e-5, 0, normFirst ? "pre-LN" : "post-LN"));
    assert.throws(() => model.decode(tgt, memory, { cache, tgtPadId: 0 }), /'tgtPadId' no se puede usar con una caché/);
    tf.dispose([full, memory, mask, ...steps]);
    cache.dispose();
    model.dispose();
  }
});

test("un paso de entrenamiento: gradiente para cada parámetro y sin fugas", () => {
  const model = new Transformer({ ...small, dropout: 0.1 });
  const y = tf.tensor2d([[2, 3, 4]], undefined, "int32");
  assertNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward([[3, 4, 5, 0]], [[1, 2, 3]], { srcPadId: 0, tgtPadId: 0 }), y));
    assert.equal(Object.keys(grads).length, model.parameters().length);
    tf.dispose([value, ...Object.values(grads)]);
  });
  y.dispose();
  model.dispose();
});

test("errores en español", () => {
  const model = new Transformer(small);
  assert.throws(() => model.forward([[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3]], [[1]]), /Transformer: 'src' tiene 11 posiciones, más que maxLen = 10/);
  assert.throws(() => model.forward([[1, 2]], [[7]]), /Transformer.decode: el id 7 .* los ids deben ser enteros entre 0 y 6/);
  assert.throws(() => model.encode([[9]]), /Transformer.encode: el id 9/);
  const memory = tf.zeros([2, 3, 8]);
  assert.throws(() => model.decode([[1, 2]], memory), /'memory' debe tener el lote B = 1 de 'tgt', pero tiene forma \[2, 3, 8\]/);
  const flat = tf.zeros([3, 8]);
  assert.throws(() => model.decode([[1, 2]], flat), /'memory' debe tener forma \[B, Ts, D=8\]/);
  assert.throws(() => new Transformer({ ...small, shareEmbeddings: true }), /'shareEmbeddings' necesita el mismo vocabulario .* srcVocabSize = 9 y tgtVocabSize = 7/);
  assert.throws(() => new Transformer({ ...small, dModel: 9 }), /Transformer: dModel = 9 debe ser divisible por numHeads = 2/);
  assert.throws(() => new Transformer({ ...small, positional: "rotary" as "learned" }), /'positional' debe ser uno de "sinusoidal", "learned"/);
  assert.throws(() => new Transformer(gptNano as never), /Transformer: esta configuración es de un modelo "gpt"/);
  tf.dispose([memory, flat]);
  model.dispose();
});
