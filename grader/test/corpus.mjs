// @ts-check
// The class of generated submissions that the grader's tests grade end to end: correct, partly
// correct, broken and hostile students, and malformed, empty and duplicate submissions, each with
// its expected outcome. Built from the course's own exercises/ and solutions/ notebooks.
//
//   node grader/test/corpus.mjs <carpeta> [--correctos N]   writes the class (or N correct students)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSubmission } from "../../scripts/submit.mjs";
import { writeZip } from "../../scripts/lib/zip.mjs";
import { SOLUTION_BEGIN, SOLUTION_END } from "../markers.mjs";
import { masterFiles } from "../masters.mjs";
import { cellRole, cellSource, formatNotebook, parseNotebook, setCellSource } from "../notebook.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * @typedef {import("../notebook.mjs").Notebook} Notebook
 * @typedef {import("../notebook.mjs").Cell} Cell
 * @typedef {{ points: number | "full", message?: RegExp, note?: RegExp, status?: string, error?: RegExp }} Expect
 * @typedef {{ cell?: string, expect: Expect }} ExerciseCase
 * @typedef {{ student: string, form: "folder" | "zip" | "lms", why: string, exercises: Record<string, ExerciseCase>,
 *   edit?: (nbs: Map<string, Notebook>) => void, total?: number }} StudentCase
 */

/** Short names of the exercises → their keys. */
export const KEYS = {
  coseno: "01-representaciones-ejercicios/coseno",
  tfidf: "01-representaciones-ejercicios/tfidf",
  similitudes: "01-representaciones-ejercicios/similitudes",
  softmax: "02-atencion-ejercicios/softmax",
  reponderar: "02-atencion-ejercicios/reponderar",
  autoatencion: "02-atencion-ejercicios/autoatencion",
  puntuaciones: "03-producto-escalado-ejercicios/puntuaciones",
  atencion: "03-producto-escalado-ejercicios/atencion",
  causal: "04-enmascaramiento-ejercicios/causal",
  relleno: "04-enmascaramiento-ejercicios/relleno",
  enmascarada: "04-enmascaramiento-ejercicios/enmascarada",
};
/** @typedef {keyof typeof KEYS} Short */

/** The exercise notebooks (as in exercises/) and, per exercise, its cell id and reference solution. */
export function courseMaterial() {
  /** @type {Map<string, Notebook>} */
  const exercises = new Map();
  /** @type {Map<string, { file: string, cellId: string, solution: string }>} */
  const byKey = new Map();
  for (const file of masterFiles(path.join(ROOT, "solutions"))) {
    exercises.set(file, parseNotebook(readFileSync(path.join(ROOT, "exercises", file), "utf8")));
    const master = parseNotebook(readFileSync(path.join(ROOT, "solutions", file), "utf8"));
    for (const cell of master.cells) {
      const id = cellRole(cell).exercise;
      if (id === undefined) continue;
      const solution = cellSource(cell)
        .split("\n")
        .filter((l) => l.trim() !== SOLUTION_BEGIN && l.trim() !== SOLUTION_END)
        .join("\n");
      byKey.set(`${file.replace(/\.ipynb$/, "")}/${id}`, { file, cellId: String(cell.id), solution });
    }
  }
  return { exercises, byKey };
}

const material = courseMaterial();

/**
 * The reference solution of an exercise, markers removed.
 * @param {Short} short
 */
export function solved(short) {
  return /** @type {{ solution: string }} */ (material.byKey.get(KEYS[short])).solution;
}

/**
 * The body of the reference solution (the lines between the signature and the last brace).
 * @param {Short} short
 */
function body(short) {
  const lines = solved(short).split("\n");
  const start = lines.findIndex((l) => l.trimEnd().endsWith("{"));
  return lines.slice(start + 1, lines.lastIndexOf("}")).join("\n");
}

/**
 * The signature line(s) of the reference solution, up to its opening brace.
 * @param {Short} short
 */
function signature(short) {
  const lines = solved(short).split("\n");
  return lines.slice(0, lines.findIndex((l) => l.trimEnd().endsWith("{")) + 1).join("\n");
}

/**
 * The solution with `extra` code at the start of the function body.
 * @param {Short} short
 * @param {string} extra
 */
function withPrelude(short, extra) {
  return `${signature(short)}\n${extra}\n${body(short)}\n}`;
}

/**
 * The hostile and broken cases, with their expectations.
 * @param {{ classDir: string, outDir: string }} where
 * @returns {StudentCase[]}
 */
export function classCases({ classDir, outDir }) {
  const all = /** @type {Short[]} */ (Object.keys(KEYS));
  const everything = Object.fromEntries(all.map((s) => [s, { cell: solved(s), expect: { points: /** @type {"full"} */ ("full") } }]));
  const q = JSON.stringify;
  return [
    { student: "ana", form: "folder", why: "todo correcto", exercises: everything, total: 27 },
    {
      student: "beto",
      form: "zip",
      why: "parcialmente correcto (y entregó dos veces)",
      total: 7.5,
      exercises: {
        coseno: {
          cell: `function similitudCoseno(a: number[], b: number[]): number {
  let p = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { p += a[i] * b[i]; na += a[i] ** 2; nb += b[i] ** 2; }
  return p / Math.sqrt(na * nb); // olvida el vector nulo
}`,
          expect: { points: 1.67, message: /un vector nulo da 0: contiene NaN/ },
        },
        tfidf: { cell: solved("tfidf"), expect: { points: "full" } },
        softmax: {
          cell: `function softmax(x: number[]): number[] {
  const e = x.map((v) => Math.exp(v)); // sin restar el máximo
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}`,
          expect: { points: 1.33, message: /valores grandes no desbordan: contiene NaN/ },
        },
        causal: {
          cell: `function mascaraCausal(t: number): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([t, t]), 0, -1) as tf.Tensor2D); // la traspuesta
}`,
          expect: { points: 0.5, message: /t = 3: error máximo 1/ },
        },
        puntuaciones: {
          cell: `function puntuaciones(q: tf.Tensor2D, k: tf.Tensor2D, escalar: boolean): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(q, k, false, true) as tf.Tensor2D); // nunca escala
}`,
          expect: { points: 1, message: /con escala: dividido por √4 = 2: error máximo/ },
        },
      },
    },
    {
      student: "Carla Díaz_123_assignsubmission_file_",
      form: "lms",
      why: "roto: errores de sintaxis y de tipos, forma equivocada, celdas movidas, cambiadas de tipo, borradas, duplicadas; pruebas públicas cambiadas; cuaderno renombrado",
      total: 11.75,
      exercises: {
        coseno: {
          cell: `function similitudCoseno(a: number[], b: number[]): number {
  let p = 0;
  for (let i = 0; i < a.length; i++ {
    p += a[i] * b[i];
  }
  return p;
}`,
          expect: { points: 0, status: "errores de compilación", error: /línea 3, columna \d+: Se esperaba '\)'/ },
        },
        tfidf: {
          cell: `function tfIdf(documentos: string[][]): { vocabulario: string[]; matriz: number[][] } {
  return "todavía no";
}`,
          expect: { points: 0, status: "errores de compilación", error: /línea 2, columna \d+: El tipo 'string' no se puede asignar/ },
        },
        similitudes: {
          cell: `function matrizDeSimilitudes(x: tf.Tensor2D): tf.Tensor2D {
  return x.clone();
}`,
          expect: { points: 0, message: /tres vectores en el plano: forma \[3, 2\] en lugar de \[3, 3\]/ },
        },
        softmax: { cell: solved("softmax"), expect: { points: "full" } }, // and moved to the end
        reponderar: { cell: solved("reponderar"), expect: { points: "full", note: /la celda era de tipo 'markdown'/ } },
        autoatencion: { expect: { points: "full", note: /usé la celda que define autoatencionSimple/ } },
        puntuaciones: {
          cell: `function puntuaciones(q: tf.Tensor2D, k: tf.Tensor2D, escalar: boolean): tf.Tensor2D {
  return tf.zeros([q.shape[0], k.shape[0]]);
}`,
          expect: { points: "full", note: /había 2 celdas de este ejercicio; usé la última/ },
        },
        atencion: {
          cell: `function atencionProductoEscalado(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, escalar = true): { salida: tf.Tensor2D; pesos: tf.Tensor2D } {
  return { salida: tf.zerosLike(q), pesos: tf.zerosLike(q) };
}`,
          expect: { points: 0, message: /dos consultas, tres claves/ },
        },
        causal: { cell: solved("causal"), expect: { points: "full" } }, // in a renamed notebook
        enmascarada: {
          cell: `function atencionEnmascarada(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, mascara: tf.Tensor2D): { salida: tf.Tensor2D; pesos: tf.Tensor2D } {
  return tf.tidy(() => {
    const s = tf.matMul(q, k, false, true).div(Math.sqrt(q.shape[1]));
    const pesos = tf.softmax(s).mul(mascara) as tf.Tensor2D; // la máscara después de la softmax
    return { salida: tf.matMul(pesos, v) as tf.Tensor2D, pesos };
  });
}`,
          expect: { points: 0.75, message: /una fila bloqueada entera no da NaN: no cumple/ },
        },
      },
      edit: (nbs) => {
        const n02 = /** @type {Notebook} */ (nbs.get("02-atencion-ejercicios.ipynb"));
        // softmax: the cell moved to the end.
        moveToEnd(n02, "ejercicio-softmax");
        // reponderar: retyped to markdown.
        const rep = /** @type {Cell} */ (n02.cells.find((c) => c.id === "ejercicio-reponderar"));
        rep.cell_type = "markdown";
        delete rep.outputs;
        delete rep.execution_count;
        // autoatencion: the cell deleted, the code pasted into a new cell.
        n02.cells = n02.cells.filter((c) => c.id !== "ejercicio-autoatencion");
        n02.cells.push(newCodeCell("mi-celda-nueva", solved("autoatencion")));
        const n03 = /** @type {Notebook} */ (nbs.get("03-producto-escalado-ejercicios.ipynb"));
        // puntuaciones: duplicated (Jupyter copies metadata), the copy below holds the right code.
        const i = n03.cells.findIndex((c) => c.id === "ejercicio-puntuaciones");
        const copy = structuredClone(n03.cells[i]);
        copy.id = "copia-de-puntuaciones";
        setCellSource(copy, solved("puntuaciones"));
        n03.cells.splice(i + 1, 0, copy);
        // atencion: the public tests replaced by one trivial test.
        const tests = /** @type {Cell} */ (n03.cells.find((c) => c.id === "pruebas-atencion"));
        setCellSource(tests, 'comprobar(atencionProductoEscalado, [prueba("trivial", [1, 1, 1], 0)]);');
        // 04: renamed as a browser renames a second download.
        const n04 = /** @type {Notebook} */ (nbs.get("04-enmascaramiento-ejercicios.ipynb"));
        nbs.delete("04-enmascaramiento-ejercicios.ipynb");
        nbs.set("04-enmascaramiento-ejercicios (1).ipynb", n04);
      },
    },
    {
      student: "dani",
      form: "folder",
      why: "un cuaderno bien y otro que no es JSON válido; 03 y 04 sin entregar",
      total: 8,
      exercises: {
        coseno: { cell: solved("coseno"), expect: { points: "full" } },
        tfidf: { cell: solved("tfidf"), expect: { points: "full" } },
        similitudes: { cell: solved("similitudes"), expect: { points: "full" } },
        softmax: { expect: { points: 0, message: /no pude leer 02-atencion-ejercicios.ipynb: no es un JSON válido/ } },
        causal: { expect: { points: 0, message: /no entregaste 04-enmascaramiento-ejercicios.ipynb/ } },
      },
    },
    {
      student: "hostil",
      form: "folder",
      why: "abusa de recursos y del sistema",
      total: 1.67 + 1.5 + 2 + 2 + 3,
      exercises: {
        coseno: {
          cell: withPrelude("coseno", "  while (a.every((v) => v === 0)) {} // un bucle infinito con el vector nulo"),
          expect: { points: 1.67, message: /un vector nulo da 0: se pasó del límite de tiempo/ },
        },
        tfidf: {
          cell: `while (true) {} // un bucle infinito fuera de la función\n${solved("tfidf")}`,
          expect: { points: 0, message: /tardó más de \d+ s en ejecutarse/ },
        },
        similitudes: {
          cell: withPrelude("similitudes", "  process.exit(0);"),
          expect: { points: 0, message: /lanzó un error: process.exit no está permitido/ },
        },
        softmax: {
          cell: `process.exit(0);\n${solved("softmax")}`,
          expect: { points: 0, message: /tu celda lanzó un error al ejecutarse: process.exit no está permitido/ },
        },
        reponderar: {
          cell: withPrelude(
            "reponderar",
            `  if (pesos.length === 3) {
    const basura: number[][] = []; // agota el montón de JavaScript
    while (true) basura.push(new Array(1e7).fill(1));
  }`,
          ),
          // Near the heap cap V8 collects garbage over and over before it gives up; on a loaded machine that
          // can outlast the 3 s limit of this test. Either way only that test fails, with its reason.
          expect: { points: 1.5, message: /tres fichas de dimensión 2: (usó demasiada memoria|se pasó del límite de tiempo \(3 s\))/ },
        },
        autoatencion: {
          cell: withPrelude("autoatencion", "  if (x.shape[0] === 3) new Float64Array(4e8).fill(1); // 3,2 GB fuera del montón"),
          expect: { points: 2, message: /tres fichas de dimensión 2: (usó demasiada memoria|lanzó un error: RangeError)/ },
        },
        puntuaciones: {
          cell: withPrelude("puntuaciones", '  for (let i = 0; i < 5000; i++) console.log("x".repeat(1000)); // 5 MB por llamada'),
          expect: { points: "full" },
        },
        atencion: {
          cell: `import * as fs from "fs";\n${withPrelude(
            "atencion",
            `  for (const f of [${q(path.join(classDir, "ana", "pwned.txt"))}, ${q(path.join(outDir, "grades.csv"))}]) {
    try { fs.writeFileSync(f, "hackeado"); } catch {}
  }`,
          )}`,
          expect: { points: "full" },
        },
        causal: {
          cell: `import * as fs from "fs";\n${withPrelude("causal", `  fs.readFileSync(${q(path.join(ROOT, "solutions", "04-enmascaramiento-ejercicios.ipynb"))}, "utf8");`)}`,
          expect: { points: 0, message: /lanzó un error: acceso denegado/ },
        },
        relleno: {
          cell: `import * as fs from "fs";\n${withPrelude("relleno", `  fs.readFileSync(${q(path.join(classDir, "ana", "04-enmascaramiento-ejercicios.ipynb"))}, "utf8");`)}`,
          expect: { points: 0, message: /lanzó un error: acceso denegado/ },
        },
        enmascarada: {
          cell: `import { execSync } from "child_process";\n${withPrelude("enmascarada", '  execSync("cat /etc/passwd");')}`,
          expect: { points: 0, message: /lanzó un error: acceso denegado/ },
        },
      },
    },
    {
      student: "hostil2",
      form: "zip",
      why: "engaña al corrector",
      total: 2 + 2 + 3 + 1.5,
      exercises: {
        coseno: {
          cell: `import * as fs from "fs";\n${withPrelude(
            "coseno",
            `  fs.readFileSync(${q(path.join(ROOT, "node_modules", "atencion", "..", "solutions", "01-representaciones-ejercicios.ipynb"))}); // por el enlace simbólico`,
          )}`,
          expect: { points: 0, message: /acceso denegado/ },
        },
        tfidf: {
          cell: `import * as fs from "fs";
// Resultados falsos por el canal del corrector (fd 3), sin la clave de la ejecución.
for (let i = 0; i < 5; i++) fs.writeSync(3, JSON.stringify({ n: "adivinada", t: "result", i, output: { $: "object", entries: {} } }) + "\\n");
fs.writeSync(3, '{"t":"done"}\\n');
function tfIdf(documentos: string[][]): { vocabulario: string[]; matriz: number[][] } {
  throw new Error("Sin implementar");
}`,
          expect: { points: 0, message: /Sin implementar/ },
        },
        similitudes: {
          cell: `function matrizDeSimilitudes(x: tf.Tensor2D): tf.Tensor2D {
  const trampa = () => { throw new Error("trampa"); };
  return new Proxy({}, { get: trampa, ownKeys: trampa, getPrototypeOf: trampa }) as any;
}`,
          expect: { points: 0, message: /no pude leer lo que devolvió/ },
        },
        softmax: {
          cell: `Math.max = () => 0;
Array.prototype.map = function () { return []; } as any;
console.log = () => { throw new Error("console.log roto"); };
JSON.stringify = () => "hackeado";
(Object.prototype as any).toJSON = () => "hackeado";
function softmax(x: number[]): number[] {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  const e: number[] = [];
  let s = 0;
  for (let i = 0; i < x.length; i++) { e.push(Math.exp(x[i] - m)); s += e[i]; }
  for (let i = 0; i < x.length; i++) e[i] /= s;
  return e;
}`,
          expect: { points: "full" },
        },
        reponderar: {
          cell: `Promise.reject(new Error("sin manejar"));
setTimeout(() => { throw new Error("en un temporizador"); }, 0);
setInterval(() => {}, 1000);
${solved("reponderar")}`,
          expect: { points: "full" },
        },
        autoatencion: {
          cell: `import * as net from "net";
const red = await new Promise<string>((resolve) => {
  const s = net.connect(80, "1.1.1.1");
  s.on("connect", () => { s.destroy(); resolve("conectado"); });
  s.on("error", () => resolve("sin red"));
  setTimeout(() => { s.destroy(); resolve("sin red"); }, 2000);
});
${withPrelude("autoatencion", '  if (red === "conectado") throw new Error("¡hay red!");')}`,
          expect: { points: "full" }, // when the sandbox cuts the network (the test checks)
        },
        puntuaciones: {
          cell: `function puntuaciones(q: tf.Tensor2D, k: tf.Tensor2D, escalar: boolean): tf.Tensor2D {
  return Promise.resolve(tf.zeros([1, 1])) as any;
}`,
          expect: { points: 0, message: /devolvió una promesa/ },
        },
        atencion: {
          cell: `function atencionProductoEscalado(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, escalar = true): { salida: tf.Tensor2D; pesos: tf.Tensor2D } {
  const enorme = Array.from({ length: 1000 }, () => new Array(1000).fill(0));
  return { salida: enorme, pesos: enorme } as any;
}`,
          expect: { points: 0, message: /demasiado grande/ },
        },
        causal: {
          cell: withPrelude("causal", "  if (t === 3) (process as any)._kill(process.pid, 9); // muerte súbita"),
          expect: { points: 1.5, message: /t = 3: el proceso terminó de forma inesperada/ },
        },
        relleno: {
          cell: `function mascaraDeRelleno(longitudes: number[], t: number): tf.Tensor2D {
  return mascaraDeRelleno(longitudes, t); // recursión infinita
}`,
          expect: { points: 0, message: /RangeError: Maximum call stack/ },
        },
      },
    },
  ];
}

/** @param {Notebook} nb @param {string} id */
function moveToEnd(nb, id) {
  const i = nb.cells.findIndex((c) => c.id === id);
  const [cell] = nb.cells.splice(i, 1);
  nb.cells.push(cell);
}

/** @param {string} id @param {string} source @returns {Cell} */
function newCodeCell(id, source) {
  /** @type {Cell} */
  const cell = { cell_type: "code", id, metadata: {}, source: [], outputs: [], execution_count: null };
  setCellSource(cell, source);
  return cell;
}

/**
 * The student's exercise notebooks for a case: the course's exercise notebooks with the case's
 * cells filled in, then its structural edits.
 * @param {StudentCase} c
 * @returns {Map<string, Notebook>}
 */
export function studentNotebooks(c) {
  /** @type {Map<string, Notebook>} */
  const nbs = new Map([...material.exercises].map(([f, nb]) => [f, structuredClone(nb)]));
  for (const [short, ex] of Object.entries(c.exercises)) {
    if (ex.cell === undefined) continue;
    const info = /** @type {{ file: string, cellId: string }} */ (material.byKey.get(KEYS[/** @type {Short} */ (short)]));
    const cell = /** @type {Cell} */ (nbs.get(info.file)?.cells.find((x) => x.id === info.cellId));
    setCellSource(cell, ex.cell);
  }
  c.edit?.(nbs);
  return nbs;
}

/**
 * Writes notebooks as one student's submission in `classDir`, in one of the forms an LMS gives.
 * @param {string} classDir
 * @param {string} student
 * @param {"folder" | "zip" | "lms"} form
 * @param {Map<string, Notebook>} nbs
 * @param {Date} [when]
 * @param {string} [zipName]
 */
export function writeSubmission(classDir, student, form, nbs, when = new Date(), zipName = `${student}.zip`) {
  if (form === "folder") {
    const dir = path.join(classDir, student);
    mkdirSync(dir, { recursive: true });
    for (const [file, nb] of nbs) writeFileSync(path.join(dir, file), formatNotebook(nb));
    return;
  }
  const staging = path.join(classDir, "..", `.staging-${process.pid}-${student.replace(/\W/g, "_")}`);
  mkdirSync(staging, { recursive: true });
  for (const [file, nb] of nbs) writeFileSync(path.join(staging, file), formatNotebook(nb));
  const { zip } = buildSubmission({ exercisesDir: staging, student: form === "lms" ? "carla" : student, courseVersion: "0.1.0", now: when });
  if (form === "zip") writeFileSync(path.join(classDir, zipName), zip);
  else {
    mkdirSync(path.join(classDir, student), { recursive: true });
    writeFileSync(path.join(classDir, student, "entrega.zip"), zip);
  }
}

/**
 * Writes the whole class into `classDir` (which must exist and be empty) and returns the cases.
 * @param {string} classDir
 * @param {string} outDir where the grader will write (hostile code tries to write there)
 */
export function writeClass(classDir, outDir) {
  const cases = classCases({ classDir, outDir });
  for (const c of cases) writeSubmission(classDir, c.student, c.form, studentNotebooks(c), new Date("2025-03-02T10:00:00Z"));
  // beto also submitted an older, untouched version.
  writeSubmission(classDir, "beto", "zip", new Map(material.exercises), new Date("2025-03-01T10:00:00Z"), "beto-antes.zip");
  // dani's 02 notebook is cut short (not valid JSON); 03 and 04 were never submitted.
  const dani = path.join(classDir, "dani");
  const n02 = path.join(dani, "02-atencion-ejercicios.ipynb");
  writeFileSync(n02, readFileSync(n02, "utf8").slice(0, 500));
  for (const f of ["03-producto-escalado-ejercicios.ipynb", "04-enmascaramiento-ejercicios.ipynb"]) rmSync(path.join(dani, f));
  // Malformed, empty and stray submissions.
  mkdirSync(path.join(classDir, "vacio"));
  writeFileSync(path.join(classDir, "roto.zip"), Buffer.from("esto no es un zip, aunque lo parezca por el nombre"));
  writeFileSync(path.join(classDir, "zip-vacio.zip"), writeZip([{ name: "leeme.txt", data: "nada" }]));
  writeFileSync(path.join(classDir, "notas.txt"), "apuntes del docente");
  writeFileSync(path.join(classDir, "suelto.ipynb"), formatNotebook(/** @type {Notebook} */ (material.exercises.get("01-representaciones-ejercicios.ipynb"))));
  return cases;
}

/**
 * N correct students (folders), for measuring throughput.
 * @param {string} classDir
 * @param {number} n
 */
export function writeCorrectClass(classDir, n) {
  const c = classCases({ classDir, outDir: classDir })[0];
  const nbs = studentNotebooks(c);
  for (let i = 1; i <= n; i++) writeSubmission(classDir, `estudiante${String(i).padStart(3, "0")}`, "folder", nbs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? "clase");
  mkdirSync(dir, { recursive: true });
  const i = process.argv.indexOf("--correctos");
  if (i >= 0) writeCorrectClass(dir, Number(process.argv[i + 1]));
  else writeClass(dir, `${dir}-calificaciones`);
  console.log(`Clase generada en ${dir}`);
}
