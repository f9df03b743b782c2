// @ts-check
"use strict";
// The grader's type checker: a long-lived child process, run with Node's permission model (it may
// read only the library, node_modules and this folder; it may write nothing). It receives cells
// over IPC, type-checks them as tslab would (errors in Spanish), and answers with the JavaScript to
// run and the errors mapped back to (cell, line). It never runs the code it compiles.
//
// Usage: node compiler.cjs <course root> <path of the typescript package> <JSON { types, folders }>
// From the parent: the packages of node_modules/@types, and the folders above the readable
// packages (node_modules, node_modules/@types…), which exist but which this process may not read.

const path = require("node:path");
const { buildProgram, injectExports, compilerOptions } = require("./program.cjs");

const [root, tsPath, contextJson] = process.argv.slice(2);
/** @type {{ types: string[], folders: string[] }} */
const context = JSON.parse(contextJson ?? '{"types":[],"folders":[]}');
const knownFolders = new Set(context.folders);
/** @type {import("typescript")} */
const ts = require(tsPath);
ts.validateLocaleAndSetLanguage("es", ts.sys);

const options = compilerOptions(ts, root, context.types);
const host = ts.createCompilerHost(options);
/** @type {Map<string, import("typescript").SourceFile | undefined>} */
const libraryFiles = new Map();
/** @type {Map<string, string>} */
let virtualFiles = new Map();
const baseGetSourceFile = host.getSourceFile.bind(host);
const baseFileExists = host.fileExists.bind(host);
/** @type {import("typescript").CompilerHost["getSourceFile"]} */
const getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
  const text = virtualFiles.get(fileName);
  if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
  if (!libraryFiles.has(fileName)) libraryFiles.set(fileName, baseGetSourceFile(fileName, languageVersion, onError, shouldCreate));
  return libraryFiles.get(fileName);
};
host.getSourceFile = getSourceFile;
const baseDirectoryExists = host.directoryExists?.bind(host);
host.directoryExists = (/** @type {string} */ dir) => knownFolders.has(dir) || (baseDirectoryExists ? baseDirectoryExists(dir) : false);
const baseRealpath = host.realpath?.bind(host);
host.realpath = (/** @type {string} */ p) => {
  try {
    return baseRealpath ? baseRealpath(p) : p;
  } catch {
    return p;
  }
};
host.fileExists = (/** @type {string} */ fileName) => virtualFiles.has(fileName) || baseFileExists(fileName);

/** @type {import("typescript").Program | undefined} */
let previous;
let counter = 0;

/**
 * @param {{ id: number, cells: import("./program.cjs").ProgramCell[], exports: string[] }} request
 */
function compile(request) {
  const program = buildProgram(ts, request.cells, { isolateLast: true });
  // A virtual file beside the course's notebooks, so that module resolution starts at the root.
  const fileName = path.join(root, "solutions", `__entrega_${process.pid}_${counter++}.ts`);
  virtualFiles = new Map([[fileName, program.text]]);
  const prog = ts.createProgram([fileName], options, host, previous);
  previous = prog;
  const file = prog.getSourceFile(fileName);
  if (file === undefined) throw new Error("el compilador no encontró el archivo virtual");
  const all = [...prog.getSyntacticDiagnostics(file), ...prog.getSemanticDiagnostics(file)];
  const diagnostics = all
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.start === undefined) return { cell: null, line: 0, column: 0, message, code: d.code };
      const { line, character } = file.getLineAndCharacterOfPosition(d.start);
      const origin = program.origins[line] ?? null;
      return { cell: origin ? origin.cell : null, line: origin ? origin.line : 0, column: character + 1, message, code: d.code };
    });
  let js = "";
  prog.emit(file, (name, text) => {
    if (name.endsWith(".js")) js = text;
  });
  return { id: request.id, js: injectExports(js, request.exports), diagnostics };
}

process.on("message", (/** @type {unknown} */ message) => {
  const request = /** @type {Parameters<typeof compile>[0]} */ (message);
  try {
    process.send?.({ type: "result", ...compile(request) });
  } catch (e) {
    process.send?.({ type: "failure", id: request.id, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
process.send?.({ type: "hello" });
