import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";
import { assertNoLeak } from "../testing";
import { comprobar, cumple, prueba, runTests, callWithInputs, judgeOutput, EXERCISE_COLLECTOR, Prueba } from "./check";

before(ready);

/** Captures what `fn` prints with console.log. */
function printed(fn: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    fn();
  } finally {
    console.log = log;
  }
  return lines;
}

/** Each value over the sum (not an exercise of the course: a test needs some function). */
const proporciones = (x: number[]): number[] => {
  const total = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / total);
};

test("comprobar imprime un veredicto por prueba y el total", () => {
  const tests = [
    prueba("tres valores", [[1, 1, 2]], [0.25, 0.25, 0.5]),
    prueba("mal a propósito", [[1, 1]], [0.2, 0.7]),
  ];
  const lines = printed(() => comprobar(proporciones, tests));
  assert.deepEqual(lines, [
    "Pruebas de proporciones:",
    "✔ tres valores",
    "✘ mal a propósito: error máximo 0.3 (en [0]: 0.5 en lugar de 0.2; tolerancia 1e-4)",
    "1 de 2 pruebas correctas.",
  ]);
  const ok = printed(() => comprobar(proporciones, tests.slice(0, 1)));
  assert.equal(ok[ok.length - 1], "¡Todo bien! 1 de 1 pruebas correctas.");
});

test("un error, una función ausente o una promesa se cuentan como fallos, con su motivo", () => {
  const stub = (): number[] => {
    throw new Error("Sin implementar");
  };
  const t = prueba("cualquiera", [[1]], [1]);
  assert.equal(runTests(stub, [t]).verdicts[0].verdict.message, "lanzó un error: Sin implementar");
  assert.match(runTests(undefined, [t]).verdicts[0].verdict.message, /no es una función/);
  const asyncFn = async () => 1;
  assert.match(runTests(asyncFn, [t]).verdicts[0].verdict.message, /promesa/);
});

test("las entradas son copias: una prueba que libera o cambia sus tensores no estropea la siguiente", () => {
  const x = tf.tensor1d([1, 2]);
  const destructive = (t: tf.Tensor1D): number[] => {
    const out = Array.from(t.dataSync());
    t.dispose();
    return out;
  };
  const tests = [prueba("a", [x], [1, 2]), prueba("b", [x], [1, 2])];
  const summary = assertNoLeak(() => runTests(destructive, tests));
  assert.equal(summary.passed, 2);
  assert.equal(x.isDisposed, false);
  // A tensor output is freed after being read.
  const double = (t: tf.Tensor1D) => t.mul(2);
  assert.equal(assertNoLeak(() => runTests(double, [prueba("doble", [x], [2, 4])])).passed, 1);
  x.dispose();
});

test("cumple: una propiedad en lugar de un valor", () => {
  const rowsSumToOne = cumple("las filas suman 1", (p: tf.Tensor2D) =>
    tf.tidy(() => tf.sum(p, 1).sub(1).abs().max().dataSync()[0] < 1e-5),
  );
  const t: Prueba = prueba("filas", [tf.tensor2d([[1, 2], [3, 4]])], rowsSumToOne);
  const good = (x: tf.Tensor2D) => tf.softmax(x);
  const bad = (x: tf.Tensor2D) => x.div(2);
  const withReason = prueba("motivo", [[1]], cumple("es par", (n: number) => (n % 2 === 0 ? true : `${n} es impar`)));
  assertNoLeak(() => {
    assert.equal(runTests(good, [t]).passed, 1);
    assert.equal(runTests(bad, [t]).verdicts[0].verdict.message, "no cumple: las filas suman 1");
    assert.equal(runTests((n: number[]) => n[0], [withReason]).verdicts[0].verdict.message, "1 es impar");
  });
});

test("prueba valida sus argumentos con errores en español", () => {
  assert.throws(() => prueba("", [], 1), /'nombre' debe ser un texto no vacío/);
  assert.throws(() => prueba("x", 3 as unknown as unknown[], 1), /'entradas' debe ser la lista de argumentos/);
  assert.throws(() => prueba("x", [], 1, { puntos: -1 }), /'puntos' debe ser un número ≥ 0/);
  assert.deepEqual(prueba("x", [], 1, { tol: 0.01 }).tolerance, { atol: 0.01, rtol: 0 });
});

test("con ATENCION_COMPROBAR=estricto un fallo lanza un error (así se prueban los cuadernos maestros)", () => {
  const previous = process.env.ATENCION_COMPROBAR;
  process.env.ATENCION_COMPROBAR = "estricto";
  try {
    printed(() => comprobar(proporciones, [prueba("bien", [[2]], [1])]));
    assert.throws(() => printed(() => comprobar(proporciones, [prueba("mal", [[2]], [2])])), /1 de 1 pruebas fallaron/);
  } finally {
    if (previous === undefined) delete process.env.ATENCION_COMPROBAR;
    else process.env.ATENCION_COMPROBAR = previous;
  }
});

test("con un recolector instalado, comprobar entrega las pruebas en vez de ejecutarlas", () => {
  const seen: { fn: unknown; tests: Prueba[] }[] = [];
  const g = globalThis as Record<symbol, unknown>;
  g[EXERCISE_COLLECTOR] = (fn: unknown, tests: Prueba[]) => void seen.push({ fn, tests });
  try {
    const lines = printed(() => comprobar(proporciones, [prueba("a", [[1]], [1])]));
    assert.deepEqual(lines, []);
  } finally {
    delete g[EXERCISE_COLLECTOR];
  }
  assert.equal(seen.length, 1);
  assert.equal(seen[0].fn, proporciones);
  assert.equal(seen[0].tests[0].name, "a");
});

test("callWithInputs + judgeOutput: lo que hace el corrector, en dos pasos", () => {
  const t = prueba("suma", [2, 3], 5);
  const result = callWithInputs((a: number, b: number) => a + b, [2, 3]);
  assert.deepEqual(result, { output: 5 });
  assert.deepEqual(judgeOutput(result, t), { ok: true, message: "" });
  assert.deepEqual(judgeOutput({ error: "se pasó del tiempo" }, t), { ok: false, message: "se pasó del tiempo" });
  const huge = callWithInputs(() => new Array(100).fill(0), [], { maxElements: 10 });
  assert.deepEqual(huge, { error: "no pude leer lo que devolvió: el valor es demasiado grande (más de 10 números)" });
});
