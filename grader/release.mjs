// @ts-check
// `npm run release -- <carpeta>`: writes the student edition of the course: the lessons, the
// library, the data, the exercise notebooks (generated afresh from solutions/, public tests only)
// and the scripts a student needs (start, test, submit), and nothing of the master notebooks, the
// hidden tests or the grader. It then scans what it wrote for any solution or hidden-test line and
// refuses the result if one slipped through.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { exercisesOutOfSync, generateExercises } from "./exercises.mjs";
import { HIDDEN_BEGIN, HIDDEN_END, SOLUTION_BEGIN, SOLUTION_END } from "./markers.mjs";
import { masterFiles } from "./masters.mjs";
import { cellSource, parseNotebook } from "./notebook.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What goes into the student edition (paths relative to the course root). Add new parts here. */
export const RELEASE_INCLUDE = [
  "README.md",
  "LICENSE",
  "LICENSE.md",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  ".gitignore",
  "lib",
  "notebooks",
  "datasets",
  "checkpoints",
  "docs",
  "scripts",
];
/** Never copied, wherever they are. */
const SKIP = new Set(["node_modules", "dist", "build", ".jupyter", ".ipynb_checkpoints", "entregas"]);
/** Never copied: instructor-only parts inside included folders (relative paths). */
const SKIP_PATHS = new Set(["scripts/checks"]);
/** Scripts of the root package.json that are for instructors only. */
const INSTRUCTOR_SCRIPTS = ["exercises", "release", "grade"];
/** A file that marks a folder as a student edition (so that --force may replace it). */
const MARK = ".atencion-edicion-estudiante";

/**
 * What must never appear in the student edition: the markers, and each solution or hidden-tests
 * block of the master notebooks, as its distinctive lines (trimmed, 16 characters or more).
 * @param {string} solutionsDir
 * @returns {{ markers: Set<string>, blocks: { where: string, lines: Set<string> }[] }}
 */
export function secretLines(solutionsDir) {
  const markers = new Set([SOLUTION_BEGIN, SOLUTION_END, HIDDEN_BEGIN, HIDDEN_END]);
  /** @type {{ where: string, lines: Set<string> }[]} */
  const blocks = [];
  for (const file of masterFiles(solutionsDir)) {
    const nb = parseNotebook(readFileSync(path.join(solutionsDir, file), "utf8"));
    for (const cell of nb.cells) {
      /** @type {Set<string> | undefined} */
      let block;
      for (const line of cellSource(cell).split("\n")) {
        const t = line.trim();
        if (t === SOLUTION_BEGIN || t === HIDDEN_BEGIN) block = new Set();
        else if (t === SOLUTION_END || t === HIDDEN_END) {
          if (block && block.size > 0) blocks.push({ where: `${file}, celda ${cell.id}`, lines: block });
          block = undefined;
        } else if (block && t.length >= 16) block.add(t);
      }
    }
  }
  return { markers, blocks };
}

/**
 * Every file under `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(dir) {
  /** @type {string[]} */
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/**
 * The files of `dir` that contain a marker, or at least three lines (all of them, for a shorter
 * block) of a solution or hidden-tests block.
 * @param {string} dir
 * @param {ReturnType<typeof secretLines>} secrets
 */
export function findLeaks(dir, secrets) {
  /** @type {string[]} */
  const leaks = [];
  for (const file of filesUnder(dir)) {
    if (statSync(file).size > 20 * 1048576) continue;
    const text = readFileSync(file, "utf8");
    // Notebooks keep lines as JSON strings: decode them to compare.
    /** @type {string[]} */
    let lines;
    try {
      lines = file.endsWith(".ipynb") ? parseNotebook(text).cells.flatMap((c) => cellSource(c).split("\n")) : text.split("\n");
    } catch {
      lines = text.split("\n");
    }
    const present = new Set(lines.map((l) => l.trim()));
    const rel = path.relative(dir, file);
    const marker = [...secrets.markers].find((m) => present.has(m));
    if (marker) leaks.push(`${rel}: ${marker}`);
    for (const b of secrets.blocks) {
      const found = [...b.lines].filter((l) => present.has(l));
      if (found.length >= Math.min(3, b.lines.size)) leaks.push(`${rel}: ${found.length} líneas de ${b.where}, p. ej. ${found[0]}`);
    }
  }
  return leaks;
}

/**
 * Writes the student edition into `outDir`.
 * @param {{ root: string, outDir: string, force?: boolean }} o
 * @returns {{ files: number, warnings: string[] }}
 */
export function release({ root, outDir, force = false }) {
  const solutionsDir = path.join(root, "solutions");
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!(force && existsSync(path.join(outDir, MARK)))) {
      throw new Error(`${outDir} no está vacía${force ? " y no es una edición del estudiante anterior" : " (usa --force para reemplazar una edición anterior)"}`);
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  /** @type {string[]} */
  const warnings = [];
  const stale = exercisesOutOfSync(solutionsDir, path.join(root, "exercises"));
  if (stale.length > 0) warnings.push(`exercises/ no estaba al día (${stale.length} diferencias); la edición lleva los cuadernos recién generados`);
  mkdirSync(outDir, { recursive: true });
  for (const item of RELEASE_INCLUDE) {
    const from = path.join(root, item);
    if (!existsSync(from)) continue;
    cpSync(from, path.join(outDir, item), {
      recursive: true,
      filter: (src) => {
        const base = path.basename(src);
        const rel = path.relative(root, src).split(path.sep).join("/");
        return !SKIP.has(base) && !SKIP_PATHS.has(rel) && !base.endsWith(".log") && !(base.startsWith(".") && src !== from);
      },
    });
  }
  // The root package.json without the instructor's commands.
  const pkgFile = path.join(outDir, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  for (const s of INSTRUCTOR_SCRIPTS) delete pkg.scripts?.[s];
  writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
  // Exercise notebooks, generated now.
  mkdirSync(path.join(outDir, "exercises"), { recursive: true });
  for (const [file, text] of generateExercises(solutionsDir)) writeFileSync(path.join(outDir, "exercises", file), text);
  const leaks = findLeaks(outDir, secretLines(solutionsDir));
  if (leaks.length > 0) {
    rmSync(outDir, { recursive: true, force: true });
    throw new Error(`la edición del estudiante contenía soluciones o pruebas ocultas; la borré:\n  - ${leaks.join("\n  - ")}`);
  }
  const version = pkg.version ?? "0.0.0";
  writeFileSync(path.join(outDir, MARK), JSON.stringify({ courseVersion: version }) + "\n");
  return { files: filesUnder(outDir).length, warnings };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith("--"));
  if (target === undefined) {
    console.error("Uso: npm run release -- <carpeta> [--force]");
    process.exit(1);
  }
  try {
    const outDir = path.resolve(target);
    const { files, warnings } = release({ root: ROOT, outDir, force: args.includes("--force") });
    for (const w of warnings) console.warn(`aviso: ${w}`);
    console.log(`Edición del estudiante en ${outDir}: ${files} archivos, sin solutions/ ni el corrector.`);
    console.log("Para usarla: cd a esa carpeta, `npm install`, `npm start`.");
  } catch (e) {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
