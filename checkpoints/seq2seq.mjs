// Lo que comparten los guiones de entrenamiento de los puntos de control de la lección 08: entrenar
// un Transformer codificador–decodificador con forzado del profesor, evaluar el acierto exacto con
// decodificación voraz en valid cada cierto número de pasos y guardar el modelo cuando mejora.
import atencion from "../lib/dist/index.js";

const {
  tf, PAD_ID, BOS_ID, EOS_ID, Transformer, transformerTiny, AdamW, train, crossEntropy, warmupCosineSchedule, batches, greedyDecode, exactMatch,
  saveModelFile, COURSE_SEED,
} = atencion;

/** Un número de una variable de entorno, o `porDefecto`. */
const opcion = (nombre, porDefecto) => Number(process.env[nombre] ?? porDefecto);

/**
 * Forzado del profesor: el decodificador lee [BOS] y₁ … y_n y debe predecir y₁ … y_n [EOS].
 * `fuentes(ejemplos)` da los ids del origen ya rellenados; `destino` es el tokenizador del destino.
 */
export function loteForzado(ejemplos, fuentes, destino) {
  const y = destino.encodeBatch(ejemplos.map((e) => e.target), { addBos: true, addEos: true }).ids;
  return { src: fuentes(ejemplos), entrada: y.map((r) => r.slice(0, -1)), objetivo: y.map((r) => r.slice(1)) };
}

/**
 * Crea el Transformer `transformerTiny` de la lección 08 (sin dropout, semilla `COURSE_SEED`) para los
 * vocabularios de los tokenizadores `origen` y `destino`, lo entrena con `entrenarYGuardar` y lo guarda en
 * `carpeta/model.safetensors` (o en SALIDA). Las variables de entorno PASOS, LOTE, LR y EVAL_CADA cambian
 * los valores por defecto.
 */
export async function entrenarTransformer({ carpeta, origen, pasos, ...datos }) {
  const config = { ...transformerTiny, srcVocabSize: origen.vocabSize, tgtVocabSize: datos.destino.vocabSize, maxLen: 32, dropout: 0, seed: COURSE_SEED };
  const modelo = new Transformer(config);
  return entrenarYGuardar({
    modelo,
    ...datos,
    salida: process.env.SALIDA ?? `${carpeta}/model.safetensors`,
    pasos: opcion("PASOS", pasos),
    lote: opcion("LOTE", 64),
    lr: opcion("LR", 2e-3),
    evalCada: opcion("EVAL_CADA", 250),
  });
}

/**
 * Entrena `modelo` en `entrenamiento` con AdamW (calentamiento + coseno, recorte de gradiente 1) y guarda
 * en `salida` el modelo con mejor acierto exacto (voraz) en `valid`. Devuelve el resultado de `train` y ese acierto.
 */
export async function entrenarYGuardar({ modelo, entrenamiento, valid, fuentes, destino, salida, pasos, lote, lr, evalCada, maxLenSalida }) {
  console.log(`${tf.getBackend()}: ${modelo.numParameters()} parámetros, ${pasos} pasos de ${lote}, lr ${lr}`);
  const srcValid = fuentes(valid);
  let mejor = -1;
  const evaluar = (paso) => {
    const t0 = performance.now();
    const salidas = greedyDecode(modelo, srcValid, { maxLen: maxLenSalida, bosId: BOS_ID, eosId: EOS_ID, srcPadId: PAD_ID });
    const acierto = exactMatch(salidas.map((s) => destino.decode(s)), valid.map((e) => e.target));
    const mejora = acierto > mejor;
    if (mejora) {
      mejor = acierto;
      saveModelFile(modelo, salida);
    }
    console.log(`  paso ${paso}: acierto exacto en valid ${(100 * acierto).toFixed(2)} % (${((performance.now() - t0) / 1000).toFixed(1)} s)${mejora ? " → guardado" : ""}`);
    return acierto;
  };
  const optimizador = new AdamW(modelo, { lr, weightDecay: 0.01 });
  const r = await train({
    module: modelo,
    optimizer: optimizador,
    steps: pasos,
    schedule: warmupCosineSchedule({ peakLr: lr, warmup: 200, totalSteps: pasos, minLr: lr / 20 }),
    clipNorm: 1,
    batches: (epoca) => batches(entrenamiento, lote, { shuffle: true, seed: COURSE_SEED + epoca, dropLast: true }).map((b) => loteForzado(b, fuentes, destino)),
    loss: (b) =>
      crossEntropy(modelo.forward(b.src, b.entrada, { srcPadId: PAD_ID, tgtPadId: PAD_ID }), tf.tensor2d(b.objetivo, undefined, "int32"), { ignoreIndex: PAD_ID }),
    logEvery: 100,
    evalEvery: evalCada,
    evaluate: evaluar,
  });
  console.log(`entrenamiento: ${r.trainSeconds.toFixed(0)} s (${((1000 * r.trainSeconds) / r.steps).toFixed(0)} ms/paso), total ${r.seconds.toFixed(0)} s; mejor acierto en valid ${(100 * mejor).toFixed(2)} %`);
  optimizador.dispose();
  return { resultado: r, mejor };
}
