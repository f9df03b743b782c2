import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ready } from "./backend";

before(ready);
import { captureOutputs, displayBundle, escapeHtml, inNotebook, jsonForScript, LiveOutput, setTextPrinter } from "./display";

test("fuera de un cuaderno no hay kernel: se imprime el text/plain", () => {
  assert.equal(inNotebook(), false);
  const lines: string[] = [];
  const previous = setTextPrinter((l) => lines.push(l));
  try {
    displayBundle({ "text/html": "<b>hola</b>", "text/plain": "hola" });
    displayBundle({ "text/plain": "silencio" }, { quiet: true });
    displayBundle({ "text/html": "<i>sin texto</i>" });
  } finally {
    setTextPrinter(previous);
  }
  assert.deepEqual(lines, ["hola"]);
});

test("captureOutputs recoge los paquetes MIME; LiveOutput actualiza la misma salida", () => {
  const outs = captureOutputs(() => {
    assert.equal(inNotebook(), true);
    displayBundle({ "text/plain": "uno" });
    const live = new LiveOutput();
    live.show({ "text/plain": "a" });
    live.show({ "text/plain": "b" });
  });
  assert.equal(inNotebook(), false);
  assert.equal(outs.length, 3);
  assert.deepEqual(outs[0], { bundle: { "text/plain": "uno" }, displayId: undefined, update: false });
  assert.equal(outs[1].update, false);
  assert.equal(outs[2].update, true);
  assert.ok(outs[1].displayId !== undefined && outs[1].displayId === outs[2].displayId);
});

test("escapeHtml y jsonForScript no dejan cerrar el <script>", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  const tricky = { t: "</script><!-- & \u2028" };
  const json = jsonForScript(tricky);
  assert.ok(!json.includes("</script") && !json.includes("<!--") && !json.includes("\u2028"));
  assert.deepEqual(JSON.parse(json), tricky);
});

test("tslab 1.0.22 guarda su escritor de salidas en tslab/dist/jupyter, y lo usamos con varios tipos MIME", () => {
  const pkg = JSON.parse(readFileSync(require.resolve("tslab/package.json"), "utf8")) as { version: string };
  assert.equal(pkg.version, "1.0.22", "displayBundle depende de un módulo interno de tslab: revisa display.ts si cambias de versión");
  // A stand-in kernel in a child process: tslab's module is loaded and its writer replaced by a recorder.
  const script = `
    const jupyter = require("tslab/dist/jupyter");
    if (!("lastWriteDisplayData" in jupyter)) { console.log("SIN-ESCRITOR"); process.exit(0); }
    const sent = [];
    jupyter.lastWriteDisplayData = (data, update) => sent.push({ data, update });
    const d = require(${JSON.stringify(require.resolve("./display"))});
    if (!d.inNotebook()) { console.log("NO-DETECTADO"); process.exit(0); }
    d.displayBundle({ "application/vnd.plotly.v1+json": { data: [] }, "text/plain": "x" }, { displayId: "id1" });
    d.displayBundle({ "text/plain": "y" }, { displayId: "id1", update: true });
    console.log(JSON.stringify(sent));
  `;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", cwd: __dirname });
  assert.equal(r.status, 0, r.stderr);
  const sent = JSON.parse(r.stdout.trim().split("\n").pop() ?? "[]");
  assert.deepEqual(sent, [
    { data: { data: { "application/vnd.plotly.v1+json": { data: [] }, "text/plain": "x" }, metadata: {}, transient: { display_id: "id1" } }, update: false },
    { data: { data: { "text/plain": "y" }, metadata: {}, transient: { display_id: "id1" } }, update: true },
  ]);
});
