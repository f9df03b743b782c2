// @ts-check
// `npm run exercises`: generates exercises/ from solutions/ (see solutions/README.md).
//   npm run exercises               writes exercises/*.ipynb
//   npm run exercises -- --check    only checks that exercises/ is in sync (exit 1 if not)
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MasterError, toExerciseNotebook } from "./markers.mjs";
import { masterFiles } from "./masters.mjs";
import { formatNotebook, parseNotebook } from "./notebook.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The generated exercise notebooks, by file name, as text.
 * @param {string} solutionsDir
 * @returns {Map<string, string>}
 */
export function generateExercises(solutionsDir) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const file of masterFiles(solutionsDir)) {
    let master;
    try {
      master = parseNotebook(readFileSync(path.join(solutionsDir, file), "utf8"));
    } catch (e) {
      throw new MasterError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    out.set(file, formatNotebook(toExerciseNotebook(master, file)));
  }
  return out;
}

/**
 * The differences between `exercisesDir` and what `solutionsDir` generates (empty when in sync).
 * @param {string} solutionsDir
 * @param {string} exercisesDir
 * @returns {string[]}
 */
export function exercisesOutOfSync(solutionsDir, exercisesDir) {
  const wanted = generateExercises(solutionsDir);
  const present = existsSync(exercisesDir) ? readdirSync(exercisesDir).filter((f) => f.endsWith(".ipynb")) : [];
  /** @type {string[]} */
  const problems = [];
  for (const [file, text] of wanted) {
    const full = path.join(exercisesDir, file);
    if (!existsSync(full)) problems.push(`falta exercises/${file}`);
    else if (readFileSync(full, "utf8") !== text) problems.push(`exercises/${file} no coincide con solutions/${file}`);
  }
  for (const file of present) if (!wanted.has(file)) problems.push(`exercises/${file} no tiene cuaderno maestro en solutions/`);
  return problems;
}

/**
 * Writes the generated notebooks into `exercisesDir`, removing notebooks that no master produces.
 * @param {string} solutionsDir
 * @param {string} exercisesDir
 * @returns {string[]} the files written
 */
export function writeExercises(solutionsDir, exercisesDir) {
  const wanted = generateExercises(solutionsDir);
  mkdirSync(exercisesDir, { recursive: true });
  for (const file of readdirSync(exercisesDir)) {
    if (file.endsWith(".ipynb") && !wanted.has(file)) rmSync(path.join(exercisesDir, file));
  }
  for (const [file, text] of wanted) writeFileSync(path.join(exercisesDir, file), text);
  return [...wanted.keys()];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const solutions = path.join(ROOT, "solutions");
  const exercises = path.join(ROOT, "exercises");
  try {
    if (process.argv.includes("--check")) {
      const problems = exercisesOutOfSync(solutions, exercises);
      if (problems.length > 0) {
        console.error(`exercises/ no está al día (ejecuta \`npm run exercises\`):\n  - ${problems.join("\n  - ")}`);
        process.exit(1);
      }
      console.log("exercises/ está al día con solutions/.");
    } else {
      const files = writeExercises(solutions, exercises);
      console.log(`Generados ${files.length} cuadernos en exercises/: ${files.join(", ")}`);
    }
  } catch (e) {
    if (e instanceof MasterError) {
      console.error(`Error en un cuaderno maestro: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
