// Entrena el Transformer codificador–decodificador de la lección 08 en `numeros` (dígitos → palabras)
// y lo guarda en checkpoints/numeros/model.safetensors (pesos + configuración, con saveModelFile).
//
//   node checkpoints/numeros/train.mjs            (desde la raíz del curso, tras npm install)
//
// Variables opcionales: PASOS, LOTE, LR, EVAL_CADA, SALIDA. Guarda el modelo cada vez que mejora el
// acierto exacto en valid; nunca mira test (eso lo mide el cuaderno).
import path from "node:path";
import { fileURLToPath } from "node:url";
import atencion from "../../lib/dist/index.js";
import { entrenarTransformer } from "../seq2seq.mjs";

const { ready, loadNumeros, CharTokenizer, WordTokenizer, SPECIAL_TOKENS, PAD_ID, padSequences } = atencion;
const MAX_CIFRAS = 9;

await ready();
const { train: entrenamiento, valid, vocab } = loadNumeros();
const digitos = new CharTokenizer([...SPECIAL_TOKENS, ...vocab.source]);
const palabras = new WordTokenizer([...SPECIAL_TOKENS, ...vocab.targetWords], { lowercase: false });
/** Los números alineados a la derecha (relleno a la izquierda): la posición 8 es siempre la de las unidades. */
const fuentes = (ejemplos) => padSequences(ejemplos.map((e) => digitos.encode(e.source)), PAD_ID, { maxLen: MAX_CIFRAS, side: "left" }).ids;

const carpeta = path.dirname(fileURLToPath(import.meta.url));
await entrenarTransformer({ carpeta, entrenamiento, valid, fuentes, origen: digitos, destino: palabras, pasos: 500, maxLenSalida: 16 });
