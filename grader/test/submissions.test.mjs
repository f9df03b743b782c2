// Submitting (`npm run entregar`) and finding submissions as an LMS delivers them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readZip, writeZip } from "../../scripts/lib/zip.mjs";
import { buildSubmission, invalidStudentId } from "../../scripts/submit.mjs";
import { discoverSubmissions, safeName, sha256, submissionFromFolder } from "../submissions.mjs";
import { ROOT } from "./corpus.mjs";

/** How many exercise notebooks the course has (a submission packs all of them). */
const EXERCISE_NOTEBOOKS = readdirSync(path.join(ROOT, "exercises")).filter((f) => f.endsWith(".ipynb")).length;

/** @param {(dir: string) => void} fn */
function inTemp(fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entregas-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("npm run entregar: un zip con los cuadernos y un manifiesto (estudiante, fecha, versión, huellas)", () => {
  inTemp((dir) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "submit.mjs"), "--estudiante", "ana.garcia", "--salida", dir], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Entrega lista: .*entrega-ana\.garcia-\d{8}-\d{6}Z\.zip/);
    const [file] = readdirSync(dir);
    const entries = readZip(readFileSync(path.join(dir, file)));
    const manifest = JSON.parse(entries.find((e) => e.name === "manifest.json")?.data.toString() ?? "{}");
    const version = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
    assert.equal(manifest.format, "atencion-submission/1");
    assert.equal(manifest.student, "ana.garcia");
    assert.equal(manifest.courseVersion, version);
    assert.ok(Math.abs(Date.parse(manifest.created) - Date.now()) < 60000);
    const notebooks = readdirSync(path.join(ROOT, "exercises")).filter((f) => f.endsWith(".ipynb")).sort();
    assert.deepEqual(Object.keys(manifest.files).sort(), notebooks);
    for (const name of notebooks) {
      assert.equal(manifest.files[name], sha256(readFileSync(path.join(ROOT, "exercises", name))));
      assert.ok(entries.some((e) => e.name === name));
    }
  });
  const none = spawnSync(process.execPath, [path.join(ROOT, "scripts", "submit.mjs")], { encoding: "utf8", env: { ...process.env, ATENCION_ESTUDIANTE: "" }, stdio: ["ignore", "pipe", "pipe"] });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /(Falta tu identificador|no puede estar vacío)/);
  assert.equal(invalidStudentId("a/b"), "no puede tener barras ni caracteres de control");
});

test("las entregas se encuentran en carpetas, en zip sueltos y en carpetas con un zip (como las descarga el aula virtual)", () => {
  inTemp((dir) => {
    const exercises = path.join(ROOT, "exercises");
    const zipOf = (/** @type {string} */ student, /** @type {Date} */ now) => buildSubmission({ exercisesDir: exercises, student, courseVersion: "0.1.0", now }).zip;
    // A folder per student with notebooks.
    mkdirSync(path.join(dir, "ana"));
    writeFileSync(path.join(dir, "ana", "01-representaciones-ejercicios.ipynb"), readFileSync(path.join(exercises, "01-representaciones-ejercicios.ipynb")));
    writeFileSync(path.join(dir, "ana", "foto.png"), "png");
    // Flat zips (one of them submitted twice, one without manifest, one with a changed notebook).
    writeFileSync(path.join(dir, "beto_1.zip"), zipOf("beto", new Date("2025-01-01T00:00:00Z")));
    writeFileSync(path.join(dir, "beto_2.zip"), zipOf("Beto ", new Date("2025-01-02T00:00:00Z")));
    writeFileSync(path.join(dir, "sin-manifiesto.zip"), writeZip([{ name: "x/02-atencion-ejercicios.ipynb", data: "{}" }, { name: "__MACOSX/._x", data: "?" }]));
    const tampered = readZip(zipOf("eva", new Date()));
    const nb = tampered.find((e) => e.name.endsWith(".ipynb"));
    if (nb) nb.data = Buffer.from(nb.data.toString().replace("TU CÓDIGO", "MI CÓDIGO"));
    writeFileSync(path.join(dir, "eva.zip"), writeZip(tampered));
    // Moodle: a folder per submission, holding the zip.
    mkdirSync(path.join(dir, "Ñandú Pérez_42_assignsubmission_file_"));
    writeFileSync(path.join(dir, "Ñandú Pérez_42_assignsubmission_file_", "entrega.zip"), zipOf("nandu", new Date()));
    // Broken and stray things.
    writeFileSync(path.join(dir, "roto.zip"), "PK esto no");
    mkdirSync(path.join(dir, "vacio"));
    writeFileSync(path.join(dir, "suelto.ipynb"), "{}");
    writeFileSync(path.join(dir, ".DS_Store"), "");
    const old = new Date("2020-01-01");
    utimesSync(path.join(dir, "beto_2.zip"), old, old);

    const { submissions, problems } = discoverSubmissions(dir);
    const by = new Map(submissions.map((s) => [s.student, s]));
    assert.deepEqual([...by.keys()].sort(), ["Beto", "Ñandú Pérez_42_assignsubmission_file_", "ana", "eva", "roto", "sin-manifiesto", "vacio"].sort());
    assert.equal(by.get("ana")?.files.length, 1);
    assert.match(by.get("ana")?.notes.join() ?? "", /foto\.png: no es un cuaderno/);
    assert.equal(by.get("Beto")?.origin, "beto_2.zip", "la más reciente según el manifiesto, no según la fecha del archivo");
    assert.equal(by.get("Ñandú Pérez_42_assignsubmission_file_")?.files.length, EXERCISE_NOTEBOOKS);
    assert.match(by.get("Ñandú Pérez_42_assignsubmission_file_")?.notes.join() ?? "", /el manifiesto dice que la entrega es de 'nandu'/);
    assert.match(by.get("eva")?.notes.join() ?? "", /no coincide con su huella en el manifiesto/);
    assert.match(by.get("sin-manifiesto")?.notes.join() ?? "", /no tiene manifest\.json/);
    assert.equal(by.get("sin-manifiesto")?.files[0].name, "02-atencion-ejercicios.ipynb");
    assert.equal(by.get("roto")?.status, "ilegible");
    assert.equal(by.get("vacio")?.status, "vacía");
    const all = problems.join("\n");
    assert.match(all, /'Beto' entregó 2 veces: corregí beto_2\.zip \(la más reciente\) e ignoré beto_1\.zip/);
    assert.match(all, /roto\.zip: zip ilegible/);
    assert.match(all, /vacio\/: entrega vacía/);
    assert.match(all, /suelto\.ipynb: cuaderno suelto/);
    assert.doesNotMatch(all, /DS_Store/);
  });
});

test("Gradescope: una sola carpeta de entrega, con el id del manifiesto", () => {
  inTemp((dir) => {
    writeFileSync(path.join(dir, "subido.zip"), buildSubmission({ exercisesDir: path.join(ROOT, "exercises"), student: "zoe", courseVersion: "0.1.0" }).zip);
    const s = submissionFromFolder(dir, "estudiante");
    assert.equal(s.student, "zoe");
    assert.equal(s.files.length, EXERCISE_NOTEBOOKS);
    assert.equal(submissionFromFolder(mkdtempSync(path.join(dir, "v")), "estudiante").status, "vacía");
  });
});

test("los nombres de archivo de cada estudiante son seguros y distintos", () => {
  assert.equal(safeName("ana"), "ana");
  assert.match(safeName("Ñandú Pérez/../x"), /^Nandu_Perez_\.\._x-[0-9a-f]{6}$/, "sin barras: no sale de su carpeta");
  assert.notEqual(safeName("a b"), safeName("a_b"));
  assert.match(safeName(".."), /^estudiante-[0-9a-f]{6}$/);
});
