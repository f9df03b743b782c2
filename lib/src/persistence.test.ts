import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tf, ready } from "./backend";
import { Bert } from "./bert";
import { BertForPreTraining, BertForSequenceClassification } from "./bert_heads";
import { Gpt } from "./gpt";
import { AtencionModel, loadModel, loadModelFile, saveModel, saveModelFile } from "./persistence";
import { loadSafetensors, saveSafetensors } from "./safetensors";
import { assertClose, assertNoLeak } from "./testing";
import { Transformer } from "./transformer";

before(ready);

const ids = [[1, 2, 3, 4]];
const tiny = { dModel: 8, numHeads: 2, dFF: 16 };

/** Every output tensor of a model on `ids`, for comparisons. */
function outputs(model: AtencionModel): tf.Tensor[] {
  model.eval();
  if (model instanceof Gpt) return [model.forward(ids)];
  if (model instanceof Transformer) return [model.forward(ids, ids, { srcPadId: 0 })];
  if (model instanceof BertForPreTraining) return Object.values(model.forward(ids));
  if (model instanceof BertForSequenceClassification) return [model.forward(ids)];
  return Object.values(model.forward(ids));
}

/** One small model of each kind, with a given seed. */
const makers: [string, (seed: number) => AtencionModel][] = [
  ["gpt", (seed) => new Gpt({ ...tiny, vocabSize: 7, contextLength: 6, numLayers: 1, seed })],
  ["transformer", (seed) => new Transformer({ ...tiny, srcVocabSize: 7, numEncoderLayers: 1, numDecoderLayers: 1, positional: "learned", seed })],
  ["bert", (seed) => new Bert({ ...tiny, vocabSize: 7, numLayers: 1, seed })],
  ["bertForPreTraining", (seed) => new BertForPreTraining({ ...tiny, vocabSize: 7, numLayers: 1, seed })],
  ["bertForSequenceClassification", (seed) => new BertForSequenceClassification({ ...tiny, vocabSize: 7, numLayers: 1, numLabels: 3, seed })],
];

test("saveModel/loadModel: cada modelo vuelve con su configuración y da las mismas salidas", () => {
  for (const [kind, make] of makers) {
    const model = make(1);
    const bytes = assertNoLeak(() => saveModel(model));
    const { metadata, tensors } = loadSafetensors(bytes);
    assert.equal(metadata.kind, kind);
    assert.equal(metadata.format, "atencion");
    assert.deepEqual(JSON.parse(metadata.config), model.config);
    tf.dispose(Object.values(tensors));
    const restored = assertNoLeak(() => loadModel(bytes), Object.keys(model.stateDict()).length);
    assert.equal(restored.constructor, model.constructor);
    assert.equal(restored.training, false, "vuelve en modo evaluación");
    const [a, b] = [outputs(model), outputs(restored)];
    a.forEach((t, i) => assertClose(b[i], t, 0, 0, kind));
    tf.dispose([...a, ...b]);
    [model, restored].forEach((m) => m.dispose());
  }
});

test("stateDict/loadStateDict de un modelo a otro con otra semilla: mismas salidas", () => {
  for (const [kind, make] of makers) {
    const [source, target] = [make(1), make(2)];
    const [a, before] = [outputs(source), outputs(target)];
    assert.ok(tf.tidy(() => tf.sub(a[0], before[0]).abs().max().dataSync()[0]) > 1e-4, `${kind}: las semillas dan modelos distintos`);
    assertNoLeak(() => target.loadStateDict(source.stateDict()));
    const after = outputs(target);
    a.forEach((t, i) => assertClose(after[i], t, 0, 0, kind));
    tf.dispose([...a, ...before, ...after]);
    [source, target].forEach((m) => m.dispose());
  }
});

test("archivos en disco, tipo comprobado, y errores en español", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "atencion-"));
  try {
    const gpt = new Gpt({ ...tiny, vocabSize: 7, contextLength: 6, numLayers: 1 });
    const file = path.join(dir, "gpt.safetensors");
    saveModelFile(gpt, file);
    const back = loadModelFile(file, "gpt"); // typed as Gpt
    assert.equal(back.config.contextLength, 6);
    assert.throws(() => loadModelFile(file, "bert"), /loadModel: el archivo guarda un modelo "gpt", no "bert"/);
    const plain = saveSafetensors(gpt.stateDict());
    assert.throws(() => loadModel(plain), /loadModel: el archivo no tiene la configuración de un modelo de atencion/);
    const lying = saveSafetensors(gpt.stateDict(), { format: "atencion", kind: "gpt", config: JSON.stringify({ ...gpt.config, dModel: 4 }) });
    assertNoLeak(() => assert.throws(() => loadModel(lying), /'wte.weight' debe tener forma \[7, 4\], pero el registro trae \[7, 8\]/));
    const unknown = saveSafetensors(gpt.stateDict(), { format: "atencion", kind: "rnn", config: "{}" });
    assert.throws(() => loadModel(unknown), /el archivo guarda un modelo de tipo "rnn", que no conozco/);
    assert.throws(() => saveModel({} as never), /saveModel: 'model' debe ser un Gpt, Bert/);
    [gpt, back].forEach((m) => m.dispose());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
