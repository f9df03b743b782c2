// @ts-check
"use strict";
// Turns notebook cells into one TypeScript module, the way tslab runs them in order in one scope:
// the cells' `import` declarations are hoisted to the top, and the cells' code goes, in order, into
// one async function (so that top-level `await` works). A line map takes compiler diagnostics
// back to (cell, line). The course's grader uses this for the master notebooks (in the trusted
// parent) and for a student's exercise cell (in the sandboxed compiler process).

/** @typedef {import("typescript")} TS */
/** @typedef {{ id: string, source: string, role: string }} ProgramCell */
/** @typedef {{ cell: number, line: number } | null} LineOrigin */
/** @typedef {{ text: string, origins: LineOrigin[] }} Program */

/** The name of the function that holds the cells' code; the module exports it. */
const PROGRAM_FUNCTION = "__atencionPrograma";
/** Placeholder, inside the function, where the grader puts `return <the exercise's functions>`. */
const EXPORTS_PLACEHOLDER = "/*__ATENCION_EXPORTS__*/";

/**
 * Builds the module text of `cells` in order. With `cellMarkers`, each cell's code is preceded by
 * `__atencionCelda("<id>")`, so that a collector knows which cell is running.
 * @param {TS} ts
 * @param {ProgramCell[]} cells
 * @param {{ cellMarkers?: boolean }} [options]
 * @returns {Program}
 */
function buildProgram(ts, cells, { cellMarkers = false } = {}) {
  /** @type {string[]} */
  const head = [];
  /** @type {LineOrigin[]} */
  const headOrigins = [];
  /** @type {string[]} */
  const body = [];
  /** @type {LineOrigin[]} */
  const bodyOrigins = [];
  cells.forEach((cell, c) => {
    const { code, imports } = splitImports(ts, cell.source);
    for (const imp of imports) {
      imp.text.split("\n").forEach((line, k) => {
        head.push(line);
        headOrigins.push({ cell: c, line: imp.line + k });
      });
    }
    if (cellMarkers) {
      body.push(`__atencionCelda(${JSON.stringify(cell.id)});`);
      bodyOrigins.push(null);
    }
    code.split("\n").forEach((line, k) => {
      body.push(line);
      bodyOrigins.push({ cell: c, line: k + 1 });
    });
    // A lone `;` ends a cell whose last statement lacks one (ASI across cells is not a given).
    body.push(";");
    bodyOrigins.push(null);
  });
  const lines = [
    ...head,
    "export {};",
    `export async function ${PROGRAM_FUNCTION}(__atencionCelda: (id: string) => void, __atencionExportar: (names: Record<string, unknown>) => unknown) {`,
    ...body,
    EXPORTS_PLACEHOLDER,
    "}",
  ];
  const origins = [...headOrigins, null, null, ...bodyOrigins, null, null];
  return { text: lines.join("\n") + "\n", origins };
}

/**
 * The cell's code with its top-level imports blanked out (the line count stays the same), and
 * those imports with their first line (1-based).
 * @param {TS} ts
 * @param {string} source
 */
function splitImports(ts, source) {
  const file = ts.createSourceFile("celda.ts", source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  /** @type {{ text: string, line: number }[]} */
  const imports = [];
  let code = "";
  let last = 0;
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isImportEqualsDeclaration(statement)) continue;
    const start = statement.getStart(file);
    const end = statement.getEnd();
    const text = source.slice(start, end);
    imports.push({ text, line: file.getLineAndCharacterOfPosition(start).line + 1 });
    code += source.slice(last, start) + text.replace(/[^\n]/g, " ");
    last = end;
  }
  code += source.slice(last);
  return { code, imports };
}

/**
 * The emitted JavaScript with the placeholder replaced by a return of `names` (each `undefined`
 * when the cells do not define it).
 * @param {string} js
 * @param {string[]} names
 */
function injectExports(js, names) {
  const entries = names.map((n) => `${JSON.stringify(n)}: typeof ${n} === "undefined" ? undefined : ${n}`);
  return js.replace(EXPORTS_PLACEHOLDER, `return __atencionExportar({ ${entries.join(", ")} });`);
}

/**
 * Compiler options that mirror tslab's (it ignores tsconfig.json: not strict, ES2022, no DOM),
 * emitting CommonJS so that the grader can run the result with its own `require`.
 * @param {TS} ts
 * @param {string} root the course root (for `atencion`'s types and `@types`)
 * @param {string[]} [types] the packages of node_modules/@types to include (tslab includes them all)
 * @returns {import("typescript").CompilerOptions}
 */
function compilerOptions(ts, root, types) {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    strict: false,
    resolveJsonModule: true,
    experimentalDecorators: true,
    newLine: ts.NewLineKind.LineFeed,
    baseUrl: root,
    paths: { atencion: ["lib/dist/index.d.ts"] },
    typeRoots: [`${root}/node_modules/@types`],
    ...(types !== undefined ? { types } : {}),
  };
}

module.exports = { buildProgram, splitImports, injectExports, compilerOptions, PROGRAM_FUNCTION, EXPORTS_PLACEHOLDER };
