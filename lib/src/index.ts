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

// Training (lesson 07): losses, optimizers, learning-rate schedules, gradient clipping, batching,
// the training loop and metrics.
export { crossEntropy, binaryCrossEntropyWithLogits } from "./losses";
export type { CrossEntropyOptions, Reduction } from "./losses";
export { Optimizer, SGD, Adam, AdamW, gradientOf } from "./optim";
export type { Gradients, SGDConfig, AdamConfig } from "./optim";
export { constantSchedule, inverseSqrtSchedule, warmupCosineSchedule, warmupLinearSchedule } from "./schedules";
export type { Schedule, InverseSqrtScheduleConfig, WarmupDecayConfig } from "./schedules";
export { clipGradNorm, globalNorm } from "./clip";
export { padSequences, idsToTensor, lengthsToMask, padBatch, batches } from "./batching";
export type { PadSide, PadOptions, BatchOptions } from "./batching";
export { train } from "./trainer";
export type { TrainConfig, TrainResult, HistoryEntry, EvalResult } from "./trainer";
export { accuracy, exactMatch, perplexity, perplexityFromLogits } from "./metrics";
