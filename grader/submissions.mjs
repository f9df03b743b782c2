// @ts-check
// Finding the submissions in a folder, as an instructor gets them:
//   - one folder per student, holding that student's exercise notebooks (DESIGN.md), or a zip;
//   - zips made by `npm run submit` (with a manifest.json), flat or one per folder, as an LMS
//     downloads them.
// Malformed zips, empty submissions, stray files and duplicate students are reported, never fatal.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readZip } from "../scripts/lib/zip.mjs";

/** Largest notebook the grader reads (bytes). */
const MAX_NOTEBOOK_BYTES = 20 * 1048576;

/**
 * @typedef {{ name: string, text: string, sha256: string }} SubmittedFile
 * @typedef {{ format?: string, student?: string, created?: string, courseVersion?: string, files?: Record<string, string> }} Manifest
 * @typedef {{ student: string, origin: string, files: SubmittedFile[], manifest: Manifest | undefined,
 *   notes: string[], status: "ok" | "vacía" | "ilegible", time: number }} Submission
 * @typedef {{ submissions: Submission[], problems: string[] }} Discovery
 */

/**
 * SHA-256 of a text or buffer, hex.
 * @param {string | Buffer} data
 */
export function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}

/** @param {string} name */
const isHidden = (name) => name.startsWith(".") || name === "__MACOSX" || name.startsWith("~$");

/**
 * The notebooks and manifest found in a zip's bytes.
 * @param {Buffer} bytes
 * @returns {{ files: SubmittedFile[], manifest: Manifest | undefined, notes: string[] }}
 */
function fromZip(bytes) {
  /** @type {SubmittedFile[]} */
  const files = [];
  /** @type {string[]} */
  const notes = [];
  /** @type {Manifest | undefined} */
  let manifest;
  for (const entry of readZip(bytes)) {
    const parts = entry.name.split(/[\\/]/);
    const base = parts[parts.length - 1];
    if (parts.some(isHidden) || base === "") continue;
    if (base === "manifest.json") {
      try {
        manifest = JSON.parse(entry.data.toString("utf8"));
      } catch {
        notes.push("el manifest.json del zip no es un JSON válido");
      }
    } else if (base.endsWith(".ipynb")) {
      if (entry.data.length > MAX_NOTEBOOK_BYTES) notes.push(`${base}: demasiado grande, no lo leí`);
      else files.push({ name: base, text: entry.data.toString("utf8"), sha256: sha256(entry.data) });
    } else notes.push(`${base}: no es un cuaderno, lo ignoré`);
  }
  return { files, manifest, notes };
}

/**
 * Everything submitted inside a student's folder (notebooks, zips) up to a few levels deep.
 * @param {string} dir
 * @param {number} depth
 * @returns {{ files: SubmittedFile[], manifest: Manifest | undefined, notes: string[], unreadable: string[] }}
 */
function fromFolder(dir, depth = 0) {
  /** @type {ReturnType<typeof fromFolder>} */
  const out = { files: [], manifest: undefined, notes: [], unreadable: [] };
  for (const name of readdirSync(dir).sort()) {
    if (isHidden(name)) continue;
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (depth >= 3) continue;
      const inner = fromFolder(full, depth + 1);
      out.files.push(...inner.files);
      out.notes.push(...inner.notes);
      out.unreadable.push(...inner.unreadable);
      out.manifest ??= inner.manifest;
    } else if (name.toLowerCase().endsWith(".zip")) {
      try {
        const z = fromZip(readFileSync(full));
        out.files.push(...z.files);
        out.notes.push(...z.notes.map((n) => `${name}: ${n}`));
        out.manifest ??= z.manifest;
      } catch (e) {
        out.unreadable.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (name.endsWith(".ipynb")) {
      if (st.size > MAX_NOTEBOOK_BYTES) out.notes.push(`${name}: demasiado grande, no lo leí`);
      else {
        const data = readFileSync(full);
        out.files.push({ name, text: data.toString("utf8"), sha256: sha256(data) });
      }
    } else if (name !== "manifest.json") out.notes.push(`${name}: no es un cuaderno, lo ignoré`);
  }
  return out;
}

/**
 * Compares the files with the manifest's hashes; returns notes for the feedback.
 * @param {SubmittedFile[]} files
 * @param {Manifest | undefined} manifest
 */
function checkManifest(files, manifest) {
  if (manifest === undefined || typeof manifest.files !== "object" || manifest.files === null) return [];
  /** @type {string[]} */
  const notes = [];
  for (const f of files) {
    const listed = manifest.files[f.name];
    if (listed === undefined) notes.push(`${f.name} no figura en el manifiesto`);
    else if (listed !== f.sha256) notes.push(`${f.name} no coincide con su huella en el manifiesto (¿se modificó después de empaquetarlo?)`);
  }
  return notes;
}

/** @param {Manifest | undefined} m */
function manifestTime(m) {
  const t = m?.created ? Date.parse(m.created) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/**
 * One student's submission from a folder (Gradescope's /autograder/submission, for instance): the
 * student id is the manifest's, else `fallback`.
 * @param {string} dir
 * @param {string} fallback
 * @returns {Submission}
 */
export function submissionFromFolder(dir, fallback) {
  const f = fromFolder(dir);
  const student = typeof f.manifest?.student === "string" && f.manifest.student.trim() !== "" ? f.manifest.student.trim() : fallback;
  const notes = [...f.notes, ...checkManifest(f.files, f.manifest), ...f.unreadable.map((u) => `no pude leer ${u}`)];
  const status = f.files.length > 0 ? "ok" : f.unreadable.length > 0 ? "ilegible" : "vacía";
  return { student, origin: path.basename(dir) + "/", files: f.files, manifest: f.manifest, notes, status, time: manifestTime(f.manifest) ?? 0 };
}

/**
 * Finds every submission in `dir`. A student's id is the folder's name; for a zip lying directly
 * in `dir`, the manifest's student id (else the zip's name). When two submissions have the same
 * id, the newest (manifest time, else file time) is graded and the others are reported.
 * @param {string} dir
 * @returns {Discovery}
 */
export function discoverSubmissions(dir) {
  /** @type {Submission[]} */
  const found = [];
  /** @type {string[]} */
  const problems = [];
  for (const name of readdirSync(dir).sort()) {
    if (isHidden(name)) continue;
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      const f = fromFolder(full);
      const notes = [...f.notes, ...checkManifest(f.files, f.manifest)];
      if (f.manifest?.student && f.manifest.student !== name) notes.push(`el manifiesto dice que la entrega es de '${f.manifest.student}'`);
      const status = f.files.length > 0 ? "ok" : f.unreadable.length > 0 ? "ilegible" : "vacía";
      if (status === "ilegible") problems.push(`${name}/: ${f.unreadable.join("; ")}`);
      else if (f.unreadable.length > 0) notes.push(...f.unreadable.map((u) => `no pude leer ${u}`));
      if (status === "vacía") problems.push(`${name}/: entrega vacía (no hay cuadernos)`);
      found.push({ student: name, origin: `${name}/`, files: f.files, manifest: f.manifest, notes, status, time: manifestTime(f.manifest) ?? st.mtimeMs });
    } else if (name.toLowerCase().endsWith(".zip")) {
      const stem = name.replace(/\.zip$/i, "");
      try {
        const z = fromZip(readFileSync(full));
        const student = typeof z.manifest?.student === "string" && z.manifest.student.trim() !== "" ? z.manifest.student.trim() : stem;
        const status = z.files.length > 0 ? "ok" : "vacía";
        if (status === "vacía") problems.push(`${name}: entrega vacía (el zip no tiene cuadernos)`);
        const notes = [...z.notes, ...checkManifest(z.files, z.manifest)];
        if (z.manifest === undefined) notes.push("el zip no tiene manifest.json (¿no se hizo con `npm run entregar`?)");
        found.push({ student, origin: name, files: z.files, manifest: z.manifest, notes, status, time: manifestTime(z.manifest) ?? st.mtimeMs });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        problems.push(`${name}: zip ilegible (${why})`);
        found.push({ student: stem, origin: name, files: [], manifest: undefined, notes: [`zip ilegible: ${why}`], status: "ilegible", time: st.mtimeMs });
      }
    } else if (name.endsWith(".ipynb")) {
      problems.push(`${name}: cuaderno suelto, fuera de la carpeta de un estudiante o de un zip; lo ignoré`);
    } else {
      problems.push(`${name}: no es una entrega (ni carpeta ni zip); lo ignoré`);
    }
  }
  // Duplicates: same student id (ignoring case and spaces at the ends).
  /** @type {Map<string, Submission[]>} */
  const byStudent = new Map();
  for (const s of found) {
    const key = s.student.trim().toLowerCase();
    byStudent.set(key, [...(byStudent.get(key) ?? []), s]);
  }
  /** @type {Submission[]} */
  const submissions = [];
  for (const group of byStudent.values()) {
    const usable = group.filter((s) => s.status === "ok");
    const pool = usable.length > 0 ? usable : group;
    const kept = pool.reduce((a, b) => (b.time > a.time ? b : a));
    submissions.push(kept);
    if (group.length > 1) {
      const others = group.filter((s) => s !== kept).map((s) => s.origin);
      problems.push(`'${kept.student}' entregó ${group.length} veces: corregí ${kept.origin} (la más reciente) e ignoré ${others.join(", ")}`);
      kept.notes.push(`hubo ${group.length} entregas tuyas; corregí la más reciente (${kept.origin})`);
    }
  }
  submissions.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return { submissions, problems };
}

/**
 * A file name for a student id: safe characters only, plus a short hash when something changed
 * (so that two ids never share a file).
 * @param {string} student
 */
export function safeName(student) {
  const clean = student.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(0, 60);
  return clean === student && clean !== "" ? clean : `${clean || "estudiante"}-${sha256(student).slice(0, 6)}`;
}
