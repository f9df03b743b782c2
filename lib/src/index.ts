/**
 * `atencion`: the transformer of the Atención course, on TensorFlow.js.
 *
 * The public API, grouped by the lesson that teaches each part. Notebooks import only from here.
 */

// Lesson 00: TensorFlow.js, backends.
export { tf, ready, useBackend, availableBackends, backendName, hasTfjsNode, BACKENDS } from "./backend";
export type { BackendName } from "./backend";

// Reproducible randomness, input validation, the module base class.
export { Rng, COURSE_SEED } from "./random";
export { AtencionError, formatShape, checkRank, checkShape, checkTensor, checkInt, checkNumber, checkOneOf } from "./errors";
export { Module } from "./module";
export type { StateDict } from "./module";

// Data sets (datasets/ in the course; loaders and the Spanish number words of lesson 08).
export { numberToSpanish, MAX_SPANISH_NUMBER } from "./datasets/numerals";
export { datasetDir } from "./datasets/files";
export type { DatasetOptions, Splits } from "./datasets/files";
export { loadNumeros } from "./datasets/numeros";
export type { Seq2SeqExample, NumerosData } from "./datasets/numeros";
export { loadFechas } from "./datasets/fechas";
export type { FechaExample, FechasData } from "./datasets/fechas";
export { loadTraduccion } from "./datasets/traduccion";
export type { TraduccionExample, TraduccionData } from "./datasets/traduccion";
export { loadCorpus, AGREEMENT_PHENOMENA } from "./datasets/corpus";
export type { CorpusData, MinimalPair, AgreementPhenomenon } from "./datasets/corpus";
export { loadResenas, SENTIMENTS, REVIEW_DOMAINS } from "./datasets/resenas";
export type { Resena, NspPair, ResenasData, Sentiment, ReviewDomain } from "./datasets/resenas";
export { loadTextFile } from "./datasets/textFile";
export type { TextFileOptions, TextFileData } from "./datasets/textFile";
