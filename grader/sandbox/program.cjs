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
 * `__atencionCelda("<id>")`, so that a collector knows which cell is running. With `isolateLast`,
 * the last cell (a student's) goes in a block of its own, so that it may redeclare a name of an
 * earlier cell, as tslab allows across cells. An import repeated from an earlier cell (a student
 * often writes `import { tf } from "atencion"` again) is dropped, as tslab would accept it.
 * @param {TS} ts
 * @param {ProgramCell[]} cells
 * @param {{ cellMarkers?: boolean, isolateLast?: boolean }} [options]
 * @returns {Program}
 */
function buildProgram(ts, cells, { cellMarkers = false, isolateLast = false } = {}) {
  /** @type {string[]} */
  const head = [];
  /** @type {LineOrigin[]} */
  const headOrigins = [];
  /** @type {string[]} */
  const body = [];
  /** @type {LineOrigin[]} */
  const bodyOrigins = [];
  const imported = { bindings: new Map(), bare: new Set() };
  cells.forEach((cell, c) => {
    const { code, imports } = splitImports(ts, cell.source);
    for (const imp of imports) {
      const text = dedupeImport(imp, imported);
      if (text === undefined) continue;
      text.split("\n").forEach((line, k) => {
        head.push(line);
        headOrigins.push({ cell: c, line: imp.line + k });
      });
    }
    const block = isolateLast && c === cells.length - 1;
    if (cellMarkers) {
      body.push(`__atencionCelda(${JSON.stringify(cell.id)});`);
      bodyOrigins.push(null);
    }
    if (block) {
      body.push("{");
      bodyOrigins.push(null);
    }
    code.split("\n").forEach((line, k) => {
      body.push(line);
      bodyOrigins.push({ cell: c, line: k + 1 });
    });
    // A lone `;` ends a cell whose last statement lacks one (ASI across cells is not a given).
    body.push(";");
    bodyOrigins.push(null);
    if (block) {
      body.push(EXPORTS_PLACEHOLDER, "}");
      bodyOrigins.push(null, null);
    }
  });
  const tail = isolateLast ? ["}"] : [EXPORTS_PLACEHOLDER, "}"];
  const lines = [
    ...head,
    "export {};",
    `export async function ${PROGRAM_FUNCTION}(__atencionCelda: (id: string) => void, __atencionExportar: (names: Record<string, unknown>) => unknown) {`,
    ...body,
    ...tail,
  ];
  const origins = [...headOrigins, null, null, ...bodyOrigins, ...tail.map(() => null)];
  return { text: lines.join("\n") + "\n", origins };
}

/**
 * @typedef {{ local: string, imported: string }} Binding
 * @typedef {{ text: string, line: number, module: string | undefined, typeOnly: boolean,
 *   bindings: Binding[] | undefined }} Import
 */

/**
 * The text to hoist for `imp`, without the bindings that an earlier import already made (the
 * same local name for the same export of the same module); undefined when nothing is left.
 * @param {Import} imp
 * @param {{ bindings: Map<string, string>, bare: Set<string> }} seen
 * @returns {string | undefined}
 */
function dedupeImport(imp, seen) {
  if (imp.bindings === undefined || imp.module === undefined) return imp.text;
  const moduleName = imp.module;
  if (imp.bindings.length === 0) {
    if (seen.bare.has(moduleName)) return undefined;
    seen.bare.add(moduleName);
    return imp.text;
  }
  const fresh = imp.bindings.filter((b) => seen.bindings.get(b.local) !== `${moduleName}|${b.imported}`);
  for (const b of fresh) if (!seen.bindings.has(b.local)) seen.bindings.set(b.local, `${moduleName}|${b.imported}`);
  if (fresh.length === imp.bindings.length) return imp.text;
  if (fresh.length === 0) return undefined;
  const from = ` from ${JSON.stringify(moduleName)};`;
  const kw = imp.typeOnly ? "import type" : "import";
  return fresh
    .map((b) =>
      b.imported === "*"
        ? `${kw} * as ${b.local}${from}`
        : b.imported === "default"
          ? `${kw} ${b.local}${from}`
          : `${kw} { ${b.imported === b.local ? b.local : `${b.imported} as ${b.local}`} }${from}`,
    )
    .join(" ");
}

/**
 * The cell's code with its top-level imports blanked out (the line count stays the same), and
 * those imports with their first line (1-based) and what they bind. `export` keywords and export
 * statements are blanked too: inside the program's function they would be syntax errors, and a
 * notebook cell exports nothing.
 * @param {TS} ts
 * @param {string} source
 * @returns {{ code: string, imports: Import[] }}
 */
function splitImports(ts, source) {
  const file = ts.createSourceFile("celda.ts", source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  /** @type {Import[]} */
  const imports = [];
  /** @type {[number, number][]} */
  const blanks = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) {
      const start = statement.getStart(file);
      const end = statement.getEnd();
      imports.push({ text: source.slice(start, end), line: file.getLineAndCharacterOfPosition(start).line + 1, ...importBindings(ts, statement) });
      blanks.push([start, end]);
    } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
      blanks.push([statement.getStart(file), statement.getEnd()]);
    } else if (ts.canHaveModifiers(statement)) {
      for (const m of ts.getModifiers(statement) ?? []) {
        if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword) blanks.push([m.getStart(file), m.getEnd()]);
      }
    }
  }
  let code = "";
  let last = 0;
  for (const [start, end] of blanks) {
    code += source.slice(last, start) + source.slice(start, end).replace(/[^\n]/g, " ");
    last = end;
  }
  code += source.slice(last);
  return { code, imports };
}

/**
 * What an import statement binds (undefined for `import x = require(...)`, kept as it is).
 * @param {TS} ts
 * @param {import("typescript").ImportDeclaration | import("typescript").ImportEqualsDeclaration} statement
 * @returns {{ module: string | undefined, typeOnly: boolean, bindings: Binding[] | undefined }}
 */
function importBindings(ts, statement) {
  if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
    return { module: undefined, typeOnly: false, bindings: undefined };
  }
  const clause = statement.importClause;
  /** @type {Binding[]} */
  const bindings = [];
  if (clause?.name) bindings.push({ local: clause.name.text, imported: "default" });
  const named = clause?.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.push({ local: named.name.text, imported: "*" });
  else if (named) {
    for (const el of named.elements) {
      if (el.isTypeOnly) return { module: undefined, typeOnly: false, bindings: undefined }; // rare: keep as written
      bindings.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text });
    }
  }
  return { module: statement.moduleSpecifier.text, typeOnly: clause?.isTypeOnly ?? false, bindings };
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
