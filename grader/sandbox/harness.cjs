// @ts-check
"use strict";
// Runs ONE student's code for ONE exercise, in a child process started by the grader with Node's
// permission model (read-only access to the library and node_modules, no writes, no child
// processes, no workers), a heap cap, and a parent that kills it on a time limit or too much
// memory. It reads its job from stdin, then runs the master notebook's setup cells and the
// student's exercise cell, calls the exercise's function on each test's inputs, and writes each
// serialised output to fd 3. It never sees the expected values: the parent judges.
//
// Everything it needs after the student's code has run is captured before it runs: a student may
// patch globals, call process.exit, or write to any file descriptor. Each line it writes carries a
// nonce that only this script knows, so the parent ignores lines forged by the student's code.

const fs = require("node:fs");
const vm = require("node:vm");
const { createRequire } = require("node:module");

const writeSync = fs.writeSync;
const jsonString = JSON.stringify;
const objectKeys = Object.keys;
const objectCreate = Object.create;
const toStringValue = String;
/** `process.reallyExit` ends the process without running exit handlers a student may have added. */
const internals = /** @type {NodeJS.Process & { reallyExit: (code: number) => never }} */ (process);
const exitNow = internals.reallyExit.bind(process);

/** @typedef {import("atencion").Serial} Serial */
/** @typedef {{ index: number, fn: string, inputs: Serial[] }} JobTest */
/** @typedef {{ nonce: string, atencionPath: string, js: string, tests: JobTest[], maxElements: number }} Job */

/** @type {Job} */
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const nonceField = `{"n":${jsonString(job.nonce)}`;

/**
 * Writes one line to the parent.
 * @param {string} fields JSON members, already encoded
 */
function send(fields) {
  const line = `${nonceField},${fields}}\n`;
  let offset = 0;
  const bytes = Buffer.from(line, "utf8");
  while (offset < bytes.length) offset += writeSync(3, bytes, offset, bytes.length - offset);
}

/** @param {unknown} e */
function describeError(e) {
  try {
    if (e instanceof Error && /** @type {{ code?: unknown }} */ (e).code === "ERR_ACCESS_DENIED") {
      return "acceso denegado (al corregir, el código no puede leer ni escribir archivos ni lanzar procesos)";
    }
    if (e instanceof Error) return `${e.name && e.name !== "Error" ? e.name + ": " : ""}${toStringValue(e.message)}`;
    return toStringValue(e);
  } catch {
    return "un error que no se puede mostrar";
  }
}

async function main() {
  /** @type {typeof import("atencion")} */
  const atencion = require(job.atencionPath);
  const { fromSerial, encodeSerial, callWithInputs } = atencion;
  await atencion.ready();
  // Inputs are built before the student's code runs, so that patched globals cannot spoil them.
  const inputs = job.tests.map((t) => t.inputs.map((s) => fromSerial(s)));
  send(`"t":"hello"`);

  const notAllowed = (/** @type {string} */ what) => () => {
    throw new Error(`${what} no está permitido durante la corrección`);
  };
  process.exit = /** @type {typeof process.exit} */ (notAllowed("process.exit"));
  process.abort = notAllowed("process.abort");
  internals.reallyExit = notAllowed("process.reallyExit");
  process.kill = notAllowed("process.kill");
  process.on("uncaughtException", () => {});
  process.on("unhandledRejection", () => {});

  const baseRequire = createRequire(job.atencionPath);
  const programRequire = Object.assign((/** @type {string} */ id) => (id === "atencion" ? atencion : baseRequire(id)), baseRequire);
  /** @param {Record<string, unknown>} names */
  const exportNames = (names) => {
    const out = objectCreate(null);
    const keys = objectKeys(names);
    for (let i = 0; i < keys.length; i++) out[keys[i]] = names[keys[i]];
    return out;
  };

  /** @type {Record<string, unknown>} */
  let exported;
  try {
    const moduleFunction = vm.compileFunction(job.js, ["exports", "require", "module", "__filename", "__dirname"], {
      filename: "celda-del-ejercicio.js",
    });
    const mod = { exports: /** @type {Record<string, unknown>} */ ({}) };
    moduleFunction(mod.exports, programRequire, mod, "/celda-del-ejercicio.js", "/");
    const run = /** @type {(cell: (id: string) => void, exp: typeof exportNames) => Promise<Record<string, unknown>>} */ (
      mod.exports.__atencionPrograma
    );
    exported = await run(() => {}, exportNames);
  } catch (e) {
    send(`"t":"load-error","message":${jsonString(describeError(e))}`);
    exitNow(0);
    return;
  }
  send(`"t":"loaded"`);
  for (let k = 0; k < job.tests.length; k++) {
    const t = job.tests[k];
    send(`"t":"start","i":${t.index}`);
    const result = callWithInputs(exported[t.fn], inputs[k], { maxElements: job.maxElements });
    if ("error" in result) send(`"t":"result","i":${t.index},"error":${jsonString(result.error)}`);
    else send(`"t":"result","i":${t.index},"output":${encodeSerial(result.output)}`);
  }
  send(`"t":"done"`);
  exitNow(0);
}

main().catch((e) => {
  try {
    send(`"t":"crash","message":${jsonString(describeError(e))}`);
  } finally {
    exitNow(1);
  }
});
