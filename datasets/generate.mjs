// Regenerates every data set from its seed and records the SHA-256 of each file in HASHES.
//
//   npm run datasets                              rewrite datasets/<name>/… and datasets/HASHES
//   node datasets/generate.mjs --out /tmp/d       write into another folder instead
//   node datasets/generate.mjs --check            regenerate into a temporary folder and compare
//                                                 with HASHES (exit code 1 if anything differs)
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const DATASETS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SETS = ["numeros", "fechas", "traduccion", "corpus", "resenas"];

export const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Generates every set into `outDir/<name>/`; returns [relative path, sha256] sorted by path. */
export async function generateAll(outDir) {
  const hashes = [];
  for (const name of SETS) {
    const { generate } = await import(pathToFileURL(path.join(DATASETS_DIR, name, "generate.mjs")).href);
    const dir = path.join(outDir, name);
    for (const file of generate(dir)) hashes.push([`${name}/${file}`, sha256(path.join(dir, file))]);
  }
  return hashes.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** HASHES in the format of `sha256sum` (check with `cd datasets && sha256sum -c HASHES`). */
export const formatHashes = (hashes) => hashes.map(([file, h]) => `${h}  ${file}\n`).join("");

/** The committed HASHES as [path, sha256] pairs. */
export function readHashes(file = path.join(DATASETS_DIR, "HASHES")) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [h, f] = line.split(/\s+/);
      return [f, h];
    });
}

async function main(args) {
  const valueOf = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  if (args.includes("--check")) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "atencion-datasets-"));
    try {
      const fresh = formatHashes(await generateAll(tmp));
      const committed = readFileSync(path.join(DATASETS_DIR, "HASHES"), "utf8");
      if (fresh !== committed) {
        console.log("Los datos regenerados no coinciden con datasets/HASHES:");
        console.log(fresh);
        process.exit(1);
      }
      console.log("Todos los conjuntos se regeneran idénticos byte a byte (datasets/HASHES).");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  const out = path.resolve(valueOf("--out") ?? DATASETS_DIR);
  const t0 = Date.now();
  const hashes = await generateAll(out);
  writeFileSync(path.join(out, "HASHES"), formatHashes(hashes), "utf8");
  console.log(`${hashes.length} archivos en ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s); sumas en HASHES.`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
