/**
 * Where the course's data sets live and how their files are read (used by every loader; each
 * lesson that loads a data set says where it comes from).
 *
 * The data sets ship with the course in `datasets/<name>/`. The folder is found, in this order:
 * the `dir` option, the `ATENCION_DATASETS` environment variable, then a `datasets/` folder in the
 * current directory or any folder above it, then one above the `atencion` package itself.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AtencionError } from "../errors";

/** Options shared by the data-set loaders. */
export interface DatasetOptions {
  /** The folder that holds the data sets (the one with `numeros/`, `fechas/`, …). Default: searched. */
  dir?: string;
}

/** The three splits of a data set: train to fit, valid to choose, test to report (once). */
export interface Splits<T> {
  train: T[];
  valid: T[];
  test: T[];
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();

function ancestors(start: string): string[] {
  const out: string[] = [];
  for (let d = path.resolve(start); ; d = path.dirname(d)) {
    out.push(d);
    if (path.dirname(d) === d) return out;
  }
}

/**
 * The folder of data set `name` (e.g. `datasets/numeros`), or a Spanish error that says where it
 * looked (used by every loader; lesson 08 loads the first data set).
 */
export function datasetDir(name: string, options: DatasetOptions = {}): string {
  const where = `datasetDir("${name}")`;
  const explicit = options.dir ?? process.env.ATENCION_DATASETS;
  if (explicit !== undefined && explicit !== "") {
    const how = options.dir !== undefined ? "la opción 'dir'" : "la variable de entorno ATENCION_DATASETS";
    const candidate = path.join(path.resolve(explicit), name);
    if (isDir(candidate)) return candidate;
    throw new AtencionError(
      `${where}: ${how} apunta a ${path.resolve(explicit)}, pero ahí no está la carpeta '${name}/'. ` +
        `Debe ser la carpeta 'datasets' del curso (la que contiene '${name}/').`,
    );
  }
  const tried: string[] = [];
  for (const start of [process.cwd(), __dirname]) {
    for (const d of ancestors(start)) {
      const candidate = path.join(d, "datasets", name);
      if (isDir(candidate)) return candidate;
      tried.push(path.join(d, "datasets"));
    }
  }
  throw new AtencionError(
    `${where}: no encuentro la carpeta de datos 'datasets/${name}'. Busqué en ${tried.length} carpetas ` +
      `por encima de ${process.cwd()} y de ${__dirname}. Pasa { dir: "/ruta/a/datasets" } o define ` +
      `la variable de entorno ATENCION_DATASETS.`,
  );
}

/** The text of a data-set file, with a Spanish error if it is missing (e.g. `npm run datasets` not run). */
export function readDatasetFile(dir: string, file: string): string {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    throw new AtencionError(
      `Falta el archivo de datos ${full}. Vuelve a generarlo con \`npm run datasets\` en la raíz del curso.`,
    );
  }
  return readFileSync(full, "utf8");
}

/** The non-empty lines of a data-set file. */
export function readDatasetLines(dir: string, file: string): string[] {
  return readDatasetFile(dir, file)
    .split("\n")
    .filter((line) => line !== "");
}

/**
 * Reads a TSV table: a header line naming the columns, then one row per line, fields separated by
 * tabs. Checks that the header is exactly `columns` and that every row has that many fields.
 */
export function readTsv<C extends string>(dir: string, file: string, columns: readonly C[]): Record<C, string>[] {
  const full = path.join(dir, file);
  const [header, ...lines] = readDatasetLines(dir, file);
  if (header !== columns.join("\t")) {
    throw new AtencionError(
      `${full}: la cabecera debe ser ${JSON.stringify(columns.join("\t"))}, y es ${JSON.stringify(header ?? "")}.`,
    );
  }
  return lines.map((line, i) => {
    const fields = line.split("\t");
    if (fields.length !== columns.length) {
      throw new AtencionError(
        `${full}, línea ${i + 2}: debe tener ${columns.length} campos separados por tabuladores, y tiene ${fields.length}.`,
      );
    }
    const row = {} as Record<C, string>;
    columns.forEach((c, k) => (row[c] = fields[k]));
    return row;
  });
}

/** Reads the files `<prefix><split><suffix>` (e.g. `train.tsv`, `nsp_train.tsv`) with `read`. */
export function readSplits<T>(read: (file: string) => T[], suffix: string, prefix = ""): Splits<T> {
  return { train: read(`${prefix}train${suffix}`), valid: read(`${prefix}valid${suffix}`), test: read(`${prefix}test${suffix}`) };
}

/** Reads a JSON file of the data set whose values are lists of strings (e.g. `vocab.json`). */
export function readStringLists(dir: string, file: string): Record<string, string[]> {
  const full = path.join(dir, file);
  let value: unknown;
  try {
    value = JSON.parse(readDatasetFile(dir, file));
  } catch (e) {
    if (e instanceof AtencionError) throw e;
    throw new AtencionError(`${full}: no es JSON válido.`);
  }
  const ok =
    value !== null &&
    typeof value === "object" &&
    Object.values(value as object).every((v) => Array.isArray(v) && v.every((s) => typeof s === "string"));
  if (!ok) throw new AtencionError(`${full}: debe ser un objeto cuyos valores sean listas de textos.`);
  return value as Record<string, string[]>;
}

/** Throws a Spanish error naming the file and line unless `value` is one of `options`. */
export function checkField<T extends string>(where: string, line: number, name: string, value: string, options: readonly T[]): T {
  if (!(options as readonly string[]).includes(value)) {
    throw new AtencionError(
      `${where}, línea ${line}: '${name}' debe ser ${options.map((o) => `"${o}"`).join(" o ")}, y es "${value}".`,
    );
  }
  return value as T;
}
