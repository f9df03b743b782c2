// Entrena un Transformer codificador–decodificador pequeño en `traduccion` (inglés → español) para
// mirar su atención cruzada en la lección 08, y lo guarda en checkpoints/traduccion/model.safetensors.
//
//   node checkpoints/traduccion/train.mjs            (desde la raíz del curso, tras npm install)
//
// Variables opcionales: PASOS, LOTE, LR, EVAL_CADA, SALIDA.
import path from "node:path";
import { fileURLToPath } from "node:url";
import atencion from "../../lib/dist/index.js";
import { entrenarTransformer } from "../seq2seq.mjs";

const { ready, loadTraduccion, WordTokenizer, SPECIAL_TOKENS, PAD_ID, padSequences } = atencion;

await ready();
const { train: entrenamiento, valid, vocab } = loadTraduccion();
const ingles = new WordTokenizer([...SPECIAL_TOKENS, ...vocab.source], { lowercase: false });
const espanol = new WordTokenizer([...SPECIAL_TOKENS, ...vocab.target], { lowercase: false });
/** Las frases inglesas, rellenadas a la derecha. */
const fuentes = (ejemplos) => padSequences(ejemplos.map((e) => ingles.encode(e.source)), PAD_ID).ids;

const carpeta = path.dirname(fileURLToPath(import.meta.url));
await entrenarTransformer({ carpeta, entrenamiento, valid, fuentes, origen: ingles, destino: espanol, pasos: 1500, maxLenSalida: 20 });
