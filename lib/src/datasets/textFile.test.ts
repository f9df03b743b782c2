import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tf, ready } from "../backend";

before(ready);
import { loadTextFile } from "./textFile";
import { AtencionError } from "../errors";

const tmp = mkdtempSync(path.join(os.tmpdir(), "atencion-text-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, data: string | Uint8Array): string => {
  const file = path.join(tmp, name);
  writeFileSync(file, data);
  return file;
};

test("loadTextFile: separa el final para validación, normaliza saltos de línea y da los caracteres", () => {
  const before = tf.memory().numTensors;
  const file = write("quijote.txt", "\uFEFFEn un lugar\r\nde la Mancha…\r\n");
  const data = loadTextFile(file, { validFraction: 0.25 });
  assert.equal(data.text, "En un lugar\nde la Mancha…\n");
  assert.equal(data.text.length, 26);
  assert.equal(data.train, "En un lugar\nde la Ma"); // round(26 · 0.75) = round(19.5) = 20 characters
  assert.equal(data.train + data.valid, data.text);
  assert.deepEqual(data.vocab, ["\n", " ", "E", "M", "a", "c", "d", "e", "g", "h", "l", "n", "r", "u", "…"]);
  assert.equal(data.path, file);
  assert.equal(loadTextFile(file, { validFraction: 0 }).valid, "");
  assert.equal(tf.memory().numTensors, before);
});

test("loadTextFile: un emoji es un solo carácter y no se parte", () => {
  const data = loadTextFile(write("emoji.txt", "ab😀cd😀ef😀gh"), { validFraction: 0.5 });
  assert.equal(data.train, "ab😀cd😀"); // 11 code points, round(11 · 0.5) = 6 of them
  assert.ok(data.vocab.includes("😀"));
  assert.equal(data.train + data.valid, "ab😀cd😀ef😀gh");
});

test("loadTextFile: errores en español para archivos que faltan, vacíos, binarios o no UTF-8", () => {
  const fails = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof AtencionError && re.test(e.message));
  fails(() => loadTextFile(path.join(tmp, "no-existe.txt")), /no existe el archivo/);
  fails(() => loadTextFile(tmp), /no es un archivo/);
  fails(() => loadTextFile(write("vacio.txt", "  \n\n")), /está vacío/);
  fails(() => loadTextFile(write("bin.dat", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))), /binario/);
  fails(() => loadTextFile(write("latin1.txt", new Uint8Array([0x61, 0xf1, 0x6f]))), /no es texto UTF-8/);
  fails(() => loadTextFile(write("a.txt", "a"), { validFraction: 0.3 }), /demasiado poco/);
  fails(() => loadTextFile(write("b.txt", "hola"), { validFraction: 0.9 }), /'validFraction' debe ser un número entre 0 y 0.5/);
  fails(() => loadTextFile(""), /'file' debe ser/);
});
