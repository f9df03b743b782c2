import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tf, ready } from "../backend";

before(ready);
import { datasetDir, readTsv, readStringLists } from "./files";
import { AtencionError } from "../errors";

const ROOT_DATASETS = path.resolve(__dirname, "..", "..", "..", "datasets");

function withEnv(value: string | undefined, f: () => void): void {
  const old = process.env.ATENCION_DATASETS;
  if (value === undefined) delete process.env.ATENCION_DATASETS;
  else process.env.ATENCION_DATASETS = value;
  try {
    f();
  } finally {
    if (old === undefined) delete process.env.ATENCION_DATASETS;
    else process.env.ATENCION_DATASETS = old;
  }
}

test("datasetDir encuentra datasets/ subiendo desde la carpeta actual o desde el paquete", () => {
  const before = tf.memory().numTensors;
  withEnv(undefined, () => {
    assert.equal(datasetDir("numeros"), path.join(ROOT_DATASETS, "numeros"));
    const cwd = process.cwd();
    try {
      process.chdir(os.tmpdir()); // nothing above /tmp: found from the package's own folder
      assert.equal(datasetDir("corpus"), path.join(ROOT_DATASETS, "corpus"));
    } finally {
      process.chdir(cwd);
    }
  });
  assert.equal(tf.memory().numTensors, before);
});

test("la opción dir y ATENCION_DATASETS mandan; si no tienen el conjunto, error en español", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "atencion-files-"));
  try {
    mkdirSync(path.join(tmp, "numeros"));
    assert.equal(datasetDir("numeros", { dir: tmp }), path.join(tmp, "numeros"));
    withEnv(tmp, () => assert.equal(datasetDir("numeros"), path.join(tmp, "numeros")));
    assert.throws(() => datasetDir("fechas", { dir: tmp }), (e: unknown) => e instanceof AtencionError && /la opción 'dir'.*'fechas\/'/.test(e.message));
    withEnv(tmp, () =>
      assert.throws(() => datasetDir("fechas"), (e: unknown) => e instanceof AtencionError && /ATENCION_DATASETS/.test(e.message)),
    );
    assert.throws(() => datasetDir("no-existe"), (e: unknown) => e instanceof AtencionError && /no encuentro la carpeta de datos 'datasets\/no-existe'/.test(e.message));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test("readTsv comprueba la cabecera y el número de campos; falta de archivo, error claro", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "atencion-files-"));
  try {
    writeFileSync(path.join(tmp, "ok.tsv"), "source\ttarget\n1\tuno\n21\tveintiuno\n");
    assert.deepEqual(readTsv(tmp, "ok.tsv", ["source", "target"]), [
      { source: "1", target: "uno" },
      { source: "21", target: "veintiuno" },
    ]);
    assert.throws(() => readTsv(tmp, "ok.tsv", ["a", "b"]), /la cabecera debe ser/);
    writeFileSync(path.join(tmp, "bad.tsv"), "source\ttarget\n1\tuno\textra\n");
    assert.throws(() => readTsv(tmp, "bad.tsv", ["source", "target"]), /línea 2: debe tener 2 campos/);
    assert.throws(() => readTsv(tmp, "missing.tsv", ["x"]), /Falta el archivo de datos .*npm run datasets/);
    writeFileSync(path.join(tmp, "v.json"), '{"a": ["x", "y"], "b": [1]}');
    assert.throws(() => readStringLists(tmp, "v.json"), /listas de textos/);
    writeFileSync(path.join(tmp, "w.json"), "{no");
    assert.throws(() => readStringLists(tmp, "w.json"), /no es JSON válido/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
