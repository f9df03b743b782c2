// `npm run release`: the student edition has what a student needs and nothing of the solutions,
// the hidden tests or the grader.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateExercises } from "../exercises.mjs";
import { findLeaks, release, secretLines } from "../release.mjs";
import { ROOT, solved } from "./corpus.mjs";

/** @param {string} dir @returns {string[]} */
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
  );

test("la edición del estudiante: lecciones, biblioteca, ejercicios y scripts; ni soluciones, ni ocultas, ni corrector", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "edicion-"));
  try {
    const out = path.join(work, "curso");
    const r = spawnSync(process.execPath, [path.join(ROOT, "grader", "release.mjs"), out], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const files = walk(out);
    for (const must of ["README.md", "package.json", "package-lock.json", "tsconfig.json", "lib/package.json", "lib/src/index.ts", "scripts/submit.mjs", "scripts/lib/zip.mjs", "scripts/setup.mjs", "notebooks/00-bienvenida.ipynb"]) {
      assert.ok(files.includes(must), `falta ${must}`);
    }
    for (const [file, text] of generateExercises(path.join(ROOT, "solutions"))) {
      assert.equal(readFileSync(path.join(out, "exercises", file), "utf8"), text);
    }
    assert.deepEqual(
      files.filter((f) => /^(solutions|grader|build|node_modules)\/|^scripts\/checks\/|^lib\/dist\/|\.estado/.test(f)),
      [],
    );
    const pkg = JSON.parse(readFileSync(path.join(out, "package.json"), "utf8"));
    assert.deepEqual(Object.keys(pkg.scripts).filter((s) => ["exercises", "release", "grade"].includes(s)), []);
    assert.equal(pkg.scripts.entregar, "node scripts/submit.mjs");
    // Nothing of any solution or hidden test, anywhere.
    assert.deepEqual(findLeaks(out, secretLines(path.join(ROOT, "solutions"))), []);
    const everything = files.map((f) => readFileSync(path.join(out, f), "utf8")).join("\n");
    assert.doesNotMatch(everything, /BEGIN SOLUTION|BEGIN HIDDEN TESTS|valores grandes no desbordan|vectores de 8 dimensiones/);
    // The student can pack a submission from the edition.
    const sub = spawnSync(process.execPath, [path.join(out, "scripts", "submit.mjs"), "--estudiante", "ana", "--salida", path.join(work, "zip")], { encoding: "utf8" });
    assert.equal(sub.status, 0, sub.stderr);
    // A second release into the same folder needs --force, and then replaces it.
    const again = spawnSync(process.execPath, [path.join(ROOT, "grader", "release.mjs"), out], { encoding: "utf8" });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /no está vacía/);
    release({ root: ROOT, outDir: out, force: true });
    assert.ok(existsSync(path.join(out, "exercises")));
    // --force never empties a folder that is not a student edition.
    const other = path.join(work, "otra");
    mkdirSync(other);
    writeFileSync(path.join(other, "importante.txt"), "no borrar");
    assert.throws(() => release({ root: ROOT, outDir: other, force: true }), /no es una edición del estudiante anterior/);
    assert.ok(existsSync(path.join(other, "importante.txt")));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("el control de fugas encuentra una solución copiada en cualquier archivo", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "fugas-"));
  try {
    mkdirSync(path.join(work, "lib"));
    writeFileSync(path.join(work, "lib", "ayuda.ts"), `// una ayuda muy generosa\n${solved("tfidf")}\n`);
    writeFileSync(path.join(work, "README.md"), "Ejemplo: // BEGIN HIDDEN TESTS\n// BEGIN HIDDEN TESTS\n");
    writeFileSync(path.join(work, "limpio.ts"), "for (let i = 0; i < a.length; i++) {\n}\n");
    const leaks = findLeaks(work, secretLines(path.join(ROOT, "solutions")));
    assert.equal(leaks.length, 2, leaks.join("\n"));
    assert.match(leaks.join("\n"), /lib\/ayuda\.ts: \d+ líneas de 01-representaciones-ejercicios\.ipynb, celda ejercicio-tfidf/);
    assert.match(leaks.join("\n"), /README\.md: \/\/ BEGIN HIDDEN TESTS/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
