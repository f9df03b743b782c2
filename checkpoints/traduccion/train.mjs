// Entrena un Transformer codificador–decodificador pequeño en `traduccion` (inglés → español) para
// mirar su atención cruzada en la lección 08, y lo guarda en checkpoints/traduccion/model.safetensors.
//
//   node checkpoints/traduccion/train.mjs            (desde la raíz del curso, tras npm install)
//
// Variables opcionales: PASOS, LOTE, LR, EVAL_CADA, SALIDA.
import path from "node:path";
import { fileURLToPath } from "node:url";
import atencion from "../../lib/dist/index.js";
import { entrenarYGuardar, opcion } from "../seq2seq.mjs";

const { ready, loadTraduccion, WordTokenizer, SPECIAL_TOKENS, PAD_ID, Transformer, transformerTiny, padSequences, COURSE_SEED } = atencion;

await ready();
const { train: entrenamiento, valid, vocab } = loadTraduccion();
const ingles = new WordTokenizer([...SPECIAL_TOKENS, ...vocab.source], { lowercase: false });
const espanol = new WordTokenizer([...SPECIAL_TOKENS, ...vocab.target], { lowercase: false });
/** Las frases inglesas, rellenadas a la derecha. */
const fuentes = (ejemplos) => padSequences(ejemplos.map((e) => ingles.encode(e.source)), PAD_ID).ids;

const modelo = new Transformer({
  ...transformerTiny, srcVocabSize: ingles.vocabSize, tgtVocabSize: espanol.vocabSize, maxLen: 32, dropout: 0, seed: COURSE_SEED,
});
await entrenarYGuardar({
  modelo,
  entrenamiento,
  valid,
  fuentes,
  destino: espanol,
  salida: process.env.SALIDA ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "model.safetensors"),
  pasos: opcion("PASOS", 1500),
  lote: opcion("LOTE", 64),
  lr: opcion("LR", 2e-3),
  evalCada: opcion("EVAL_CADA", 250),
  maxLenSalida: 20,
});
