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

// ---------------------------------------------------------------------------------------------
// Exercises (lesson 01 on): public tests inside the exercise notebooks, and the comparison code
// that the course's grader reuses (one source of truth for verdicts).
export { prueba, cumple, comprobar, runTests, runTest, judgeOutput, callWithInputs, serialInputs, EXERCISE_COLLECTOR } from "./exercises/check";
export type { Prueba, OpcionesPrueba, Propiedad, CallResult, ResumenPruebas } from "./exercises/check";
export { compareSerial, DEFAULT_TOLERANCE } from "./exercises/compare";
export type { Tolerance, Verdict } from "./exercises/compare";
export { toSerial, fromSerial, encodeSerial, decodeSerial, describeSerial, formatNumber, SerialLimitError } from "./exercises/serial";
export type { Serial, SerialLimits } from "./exercises/serial";
