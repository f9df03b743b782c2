import { before, test } from "node:test";
import assert from "node:assert/strict";
import { ready } from "./backend";

before(ready);
import { captureOutputs, setTextPrinter } from "./display";
import { Figure, figureBundle, figureHtml, figureText, loadPlotly, PLOTLY_MIME, plotlyLabel, plotlyScriptTag, plotlyVersion, resetPlotlyBundle, showFigure } from "./plotly";

const fig: Figure = {
  data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "</script>" }],
  layout: { title: { text: "Prueba" }, height: 300 },
};

/** The figure spec embedded in the HTML fallback (`fig = {...};`). */
function embeddedSpec(html: string): unknown {
  const m = /var id = "([^"]+)", fig = (.*);\n/.exec(html);
  assert.ok(m, "el HTML debe llevar la figura en JSON");
  assert.ok(html.includes(`<div id="${m[1]}"`), "el div lleva el mismo id que el script");
  return JSON.parse(m[2]);
}

test("el paquete MIME de una figura: plotly JSON, HTML que la dibuja y una línea de texto", () => {
  const b = figureBundle(fig);
  assert.deepEqual(Object.keys(b).sort(), [PLOTLY_MIME, "text/html", "text/plain"].sort());
  assert.deepEqual(b[PLOTLY_MIME], { data: fig.data, layout: fig.layout, config: { responsive: true, displaylogo: false } });
  const html = b["text/html"] as string;
  assert.deepEqual(embeddedSpec(html), b[PLOTLY_MIME]);
  assert.equal(html.match(/<\/script>/g)?.length, 1, "un solo </script>: el nombre '</script>' va escapado");
  assert.ok(!html.includes("(local, sin CDN)"), "sin includeBundle no lleva plotly.js");
  assert.ok(html.includes('style="width:100%;min-height:300px"><p class="atencion-sin-js"'), "un aviso para cuando el script no corre");
  assert.ok(html.includes('el.innerHTML = ""; window.Plotly.newPlot('), "el script lo quita al dibujar");
  assert.match(b["text/plain"] as string, /^\[gráfico: Prueba — 1 traza\(s\) scatter/);
  assert.equal(figureText({ data: [], layout: {} }).includes("sin título"), true);
});

test("plotly.js local va dentro del primer gráfico de la sesión, y solo del primero", () => {
  const tag = plotlyScriptTag();
  assert.match(plotlyVersion(), /^\d+\.\d+\.\d+$/);
  assert.ok(tag.startsWith('<script type="text/javascript">/* plotly.js ' + plotlyVersion() + " (local, sin CDN)"));
  assert.ok(tag.length > 1_000_000, "el paquete completo, no un enlace");
  assert.ok(!/^<script[^>]*src=/.test(tag), "el script va en línea, sin src");
  assert.equal(tag.match(/<\/script>/gi)?.length, 1);
  assert.ok(figureHtml(fig, { includeBundle: true }).startsWith(tag));

  resetPlotlyBundle();
  const outs = captureOutputs(() => {
    showFigure(fig);
    showFigure(fig);
  });
  assert.equal(outs.length, 2);
  assert.ok((outs[0].bundle["text/html"] as string).includes("(local, sin CDN)"));
  assert.ok(!(outs[1].bundle["text/html"] as string).includes("(local, sin CDN)"));
  // loadPlotly puts it on the page again, as an output of its own.
  const again = captureOutputs(() => loadPlotly());
  assert.ok((again[0].bundle["text/html"] as string).includes("(local, sin CDN)"));
});

test("fuera de un cuaderno, showFigure imprime una línea", () => {
  const lines: string[] = [];
  const previous = setTextPrinter((l) => lines.push(l));
  try {
    showFigure(fig);
  } finally {
    setTextPrinter(previous);
  }
  assert.deepEqual(lines, [figureText(fig)]);
});

test("plotlyLabel protege fichas como <s> del HTML de plotly", () => {
  assert.equal(plotlyLabel("<s>"), "&lt;s&gt;");
  assert.equal(plotlyLabel("a&b"), "a&amp;b");
  assert.equal(plotlyLabel("perro"), "perro");
});
