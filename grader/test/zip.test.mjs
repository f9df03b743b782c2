// The minimal zip reader/writer used for submissions: round trip, interoperability with Python's
// zipfile, and clear refusals of malformed archives and zip bombs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { ZipError, crc32, readZip, writeZip } from "../../scripts/lib/zip.mjs";

test("ida y vuelta, con nombres en UTF-8 y datos binarios", () => {
  const entries = [
    { name: "01-ejercicios.ipynb", data: '{"cells": []}' },
    { name: "carpeta/ñandú.txt", data: "¡hola, mundo!" },
    { name: "binario.bin", data: Buffer.from([0, 255, 1, 254]) },
  ];
  const back = readZip(writeZip(entries));
  assert.deepEqual(
    back.map((e) => [e.name, e.data.toString("latin1")]),
    entries.map((e) => [e.name, Buffer.from(e.data).toString("latin1")]),
  );
  assert.equal(crc32(Buffer.from("123456789")), 0xcbf43926, "CRC-32 de referencia");
});

test("Python lee nuestros zip y nosotros los suyos (guardados y comprimidos)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "zip-"));
  try {
    const ours = path.join(dir, "nuestro.zip");
    writeFileSync(ours, writeZip([{ name: "a.txt", data: "uno" }, { name: "b/c.txt", data: "dos".repeat(100) }]));
    const theirs = path.join(dir, "suyo.zip");
    const py = spawnSync(
      "/usr/bin/python3",
      [
        "-c",
        `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); print(z.read("a.txt").decode(), len(z.read("b/c.txt")))
w = zipfile.ZipFile(sys.argv[2], "w")
w.writestr(zipfile.ZipInfo("guardado.txt"), "sin comprimir")
w.writestr("comprimido.txt", "x" * 1000, compress_type=zipfile.ZIP_DEFLATED)
w.writestr("carpeta/", "")
w.close()`,
        ours,
        theirs,
      ],
      { encoding: "utf8" },
    );
    if (py.status !== 0) return; // no Python with zipfile here: nothing to compare with
    assert.equal(py.stdout.trim(), "uno 300");
    const back = readZip(readFileSync(theirs));
    assert.deepEqual(
      back.map((e) => [e.name, e.data.length]),
      [
        ["guardado.txt", 13],
        ["comprimido.txt", 1000],
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("un zip roto, cortado, alterado o una bomba se rechazan con un motivo en español", () => {
  const good = writeZip([{ name: "a.txt", data: "contenido de prueba ".repeat(50) }]);
  assert.throws(() => readZip(Buffer.from("hola")), /demasiado corto/);
  assert.throws(() => readZip(Buffer.alloc(100, 7)), /no encontré el directorio central/);
  assert.throws(() => readZip(good.subarray(10)), ZipError);
  const tampered = Buffer.from(good);
  tampered[40] ^= 0xff; // inside the compressed data
  assert.throws(() => readZip(tampered), /(CRC|descomprimir|dañado)/);
  // A small zip that inflates far beyond the cap.
  const huge = Buffer.alloc(5 * 1048576);
  const bomb = writeZip([{ name: "bomba.txt", data: huge }]);
  assert.ok(bomb.length < 20000);
  assert.throws(() => readZip(bomb, { maxTotalBytes: 1048576 }), /pasaría de 1 MB/);
  // A central directory that lies about the size cannot inflate more than it says.
  const liar = Buffer.from(bomb);
  const cd = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  liar.writeUInt32LE(10, cd + 24);
  assert.throws(() => readZip(liar), /(descomprimir|dañado)/);
  assert.ok(zlib.inflateRawSync);
});
