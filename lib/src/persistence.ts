/**
 * Saving and loading whole models (lesson 10): the weights in a safetensors file, the
 * configuration in its `__metadata__`, so that one file rebuilds the model.
 *
 *   __metadata__: { format: "atencion", kind: "gpt", config: "{…JSON…}" }
 *   tensors:      the model's state dict, PyTorch-style names
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Bert } from "./bert";
import { BertForPreTraining, BertForSequenceClassification } from "./bert_heads";
import { AtencionError, describe } from "./errors";
import { Gpt } from "./gpt";
import { loadSafetensors, saveSafetensors } from "./safetensors";
import { tf } from "./backend";
import { Transformer } from "./transformer";

/** Every model `saveModel` knows, by the `kind` of its configuration (lesson 10). */
export interface ModelsByKind {
  gpt: Gpt;
  bert: Bert;
  bertForPreTraining: BertForPreTraining;
  bertForSequenceClassification: BertForSequenceClassification;
  transformer: Transformer;
}
/** The kind of a saved model (lesson 10). */
export type ModelKind = keyof ModelsByKind;
/** Any of the course's models (lessons 08–10). */
export type AtencionModel = ModelsByKind[ModelKind];

const FORMAT = "atencion";

/** Builds an empty model of `kind` from its configuration. */
function build(kind: string, config: object): AtencionModel {
  switch (kind) {
    case "gpt": return new Gpt(config as ConstructorParameters<typeof Gpt>[0]);
    case "bert": return new Bert(config as ConstructorParameters<typeof Bert>[0]);
    case "bertForPreTraining": return new BertForPreTraining(config as ConstructorParameters<typeof BertForPreTraining>[0]);
    case "bertForSequenceClassification": return new BertForSequenceClassification(config as ConstructorParameters<typeof BertForSequenceClassification>[0]);
    case "transformer": return new Transformer(config as ConstructorParameters<typeof Transformer>[0]);
    default: throw new AtencionError(`loadModel: el archivo guarda un modelo de tipo ${describe(kind)}, que no conozco.`);
  }
}

/**
 * The model as the bytes of a safetensors file (lesson 10): its weights, and its configuration in
 * the metadata. Write them with `saveModelFile`, or send them anywhere.
 */
export function saveModel(model: AtencionModel): Uint8Array {
  const config = (model as { config?: { kind?: unknown } } | undefined)?.config;
  if (config === undefined || typeof config.kind !== "string") {
    throw new AtencionError(`saveModel: 'model' debe ser un Gpt, Bert, BertForPreTraining, BertForSequenceClassification o Transformer, y es ${describe(model)}.`);
  }
  return saveSafetensors(model.stateDict(), { format: FORMAT, kind: config.kind, config: JSON.stringify(config) });
}

/**
 * Rebuilds a model from the bytes of `saveModel` (lesson 10). With `kind`, checks that the file
 * holds that kind of model and returns it with its type: `loadModel(bytes, "gpt")` is a `Gpt`.
 * The model starts in evaluation mode.
 */
export function loadModel<K extends ModelKind>(bytes: Uint8Array | ArrayBuffer, kind: K): ModelsByKind[K];
export function loadModel(bytes: Uint8Array | ArrayBuffer): AtencionModel;
export function loadModel(bytes: Uint8Array | ArrayBuffer, kind?: ModelKind): AtencionModel {
  const { tensors, metadata } = loadSafetensors(bytes);
  try {
    if (metadata.format !== FORMAT || metadata.config === undefined || metadata.kind === undefined) {
      throw new AtencionError("loadModel: el archivo no tiene la configuración de un modelo de atencion (guárdalo con saveModel).");
    }
    if (kind !== undefined && metadata.kind !== kind) {
      throw new AtencionError(`loadModel: el archivo guarda un modelo "${metadata.kind}", no "${kind}".`);
    }
    let config: object;
    try {
      config = JSON.parse(metadata.config) as object;
    } catch {
      throw new AtencionError("loadModel: la configuración guardada no es JSON válido.");
    }
    const model = build(metadata.kind, config);
    try {
      model.loadStateDict(tensors);
    } catch (error) {
      model.dispose();
      throw error;
    }
    return model.eval();
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** Writes `saveModel(model)` to `path` (Node; lesson 10). */
export function saveModelFile(model: AtencionModel, path: string): void {
  writeFileSync(path, saveModel(model));
}

/** Reads a model written by `saveModelFile` (Node; lesson 10). */
export function loadModelFile<K extends ModelKind>(path: string, kind: K): ModelsByKind[K];
export function loadModelFile(path: string): AtencionModel;
export function loadModelFile(path: string, kind?: ModelKind): AtencionModel {
  const bytes = new Uint8Array(readFileSync(path));
  return kind === undefined ? loadModel(bytes) : loadModel(bytes, kind);
}
