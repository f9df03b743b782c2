// @ts-check
// `npm run entregar` (or `npm run submit`): packs the student's exercise notebooks (exercises/*.ipynb)
// into one zip with a manifest.json (student id, time, course version, SHA-256 of each notebook),
// ready to upload to the course's LMS.
//
//   npm run entregar -- --estudiante ana.garcia [--salida <carpeta>]
//   ATENCION_ESTUDIANTE=ana.garcia npm run entregar
// Without an id, it asks for one (on a terminal).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { optionValue } from "./lib/args.mjs";
import { writeZip } from "./lib/zip.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MANIFEST_FORMAT = "atencion-submission/1";

/**
 * Why `id` is not a usable student id, or undefined when it is.
 * @param {string} id
 */
export function invalidStudentId(id) {
  if (id.trim() === "") return "no puede estar vacío";
  if (id.length > 80) return "es demasiado largo (80 caracteres como mucho)";
  if (/[\\/\u0000-\u001f]/.test(id)) return "no puede tener barras ni caracteres de control";
  return undefined;
}

/**
 * Builds the submission zip of the notebooks in `exercisesDir`.
 * @param {{ exercisesDir: string, student: string, courseVersion: string, now?: Date }} o
 * @returns {{ zip: Buffer, manifest: { format: string, student: string, created: string, courseVersion: string, files: Record<string, string> }, warnings: string[] }}
 */
export function buildSubmission({ exercisesDir, student, courseVersion, now = new Date() }) {
  const names = existsSync(exercisesDir) ? readdirSync(exercisesDir).filter((f) => f.endsWith(".ipynb")).sort() : [];
  if (names.length === 0) throw new Error(`no hay cuadernos de ejercicios en ${exercisesDir}`);
  /** @type {string[]} */
  const warnings = [];
  /** @type {Record<string, string>} */
  const files = {};
  const entries = names.map((name) => {
    const data = readFileSync(path.join(exercisesDir, name));
    try {
      JSON.parse(data.toString("utf8"));
    } catch {
      warnings.push(`${name} no es un cuaderno válido (¿se guardó a medias?); lo incluyo igualmente`);
    }
    files[name] = createHash("sha256").update(data).digest("hex");
    return { name, data, date: now };
  });
  const manifest = { format: MANIFEST_FORMAT, student: student.trim(), created: now.toISOString(), courseVersion, files };
  entries.push({ name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n"), date: now });
  return { zip: writeZip(entries), manifest, warnings };
}

/** @param {string[]} argv */
async function main(argv) {
  let student = optionValue(argv, "--estudiante") ?? optionValue(argv, "--student") ?? process.env.ATENCION_ESTUDIANTE;
  if (student === undefined && process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    student = await rl.question("Tu identificador de estudiante (el del aula virtual): ");
    rl.close();
  }
  if (student === undefined) {
    console.error("Falta tu identificador: npm run entregar -- --estudiante <tu-id>  (o ATENCION_ESTUDIANTE=<tu-id>)");
    return 1;
  }
  const invalid = invalidStudentId(student);
  if (invalid !== undefined) {
    console.error(`El identificador ${invalid}.`);
    return 1;
  }
  const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version ?? "0.0.0";
  const { zip, manifest, warnings } = buildSubmission({ exercisesDir: path.join(ROOT, "exercises"), student, courseVersion: version });
  const outDir = path.resolve(optionValue(argv, "--salida") ?? path.join(ROOT, "entregas"));
  mkdirSync(outDir, { recursive: true });
  const stamp = manifest.created.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace("T", "-");
  const safe = manifest.student.replace(/[^A-Za-z0-9._-]+/g, "_");
  const file = path.join(outDir, `entrega-${safe}-${stamp}.zip`);
  writeFileSync(file, zip);
  for (const w of warnings) console.warn(`aviso: ${w}`);
  console.log(`Entrega lista: ${path.relative(process.cwd(), file)}`);
  console.log(`Estudiante: ${manifest.student} · curso ${manifest.courseVersion} · ${manifest.created}`);
  for (const [name, hash] of Object.entries(manifest.files)) console.log(`  ${name}  sha256 ${hash.slice(0, 16)}…`);
  console.log("Súbela al aula virtual de tu curso. (Guarda antes tus cuadernos en Jupyter: se empaqueta lo que hay en disco.)");
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
