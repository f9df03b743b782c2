import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "../backend";
import { compareSerial } from "./compare";
import { toSerial } from "./serial";

before(ready);

const cmp = (actual: unknown, expected: unknown, tol = { atol: 1e-4, rtol: 0 }) =>
  compareSerial(toSerial(actual), toSerial(expected), tol);

test("números con tolerancia: el mensaje da el error máximo y la tolerancia", () => {
  assert.deepEqual(cmp(0.30001, 0.3), { ok: true, message: "" });
  assert.deepEqual(cmp(0.6, 0.3), { ok: false, message: "error máximo 0.3 (0.6 en lugar de 0.3; tolerancia 1e-4)" });
  assert.equal(cmp(NaN, 0.3).message, "contiene NaN");
  assert.equal(cmp(-Infinity, 0.3).message, "contiene -Infinity");
  assert.ok(cmp(NaN, NaN).ok, "NaN esperado es igual a NaN");
  assert.equal(cmp(1, NaN).message, "1 en lugar de NaN");
  // Relative tolerance scales with |expected|.
  assert.ok(compareSerial(1000.05, 1000, { atol: 1e-4, rtol: 1e-4 }).ok);
  assert.equal(
    compareSerial(1000.5, 1000, { atol: 1e-4, rtol: 1e-4 }).message,
    "error máximo 0.5 (1000.5 en lugar de 1000; tolerancia 1e-4 + 1e-4·|esperado|)",
  );
});

test("tensores y listas: forma, posición del peor error, NaN con su índice", () => {
  const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  assert.ok(cmp(t, [[1, 2, 3], [4, 5, 6]]).ok, "un tensor y una lista con los mismos valores son iguales");
  assert.equal(cmp(t, [[1, 4], [2, 5], [3, 6]]).message, "forma [2, 3] en lugar de [3, 2]");
  assert.equal(cmp(t, [[1, 2, 3], [4, 5, 6.3]]).message, "error máximo 0.3 (en [1, 2]: 6 en lugar de 6.3; tolerancia 1e-4)");
  const n = tf.tensor2d([[1, NaN], [3, 4]]);
  assert.equal(cmp(n, [[1, 2], [3, 4]]).message, "contiene NaN en [0, 1]");
  assert.equal(cmp([1, 2], tf.tensor1d([1, 2, 3])).message, "forma [2] en lugar de [3]");
  assert.equal(cmp([[1, 2], [3]], [[1, 2], [3, 4]]).message, "se esperaba una lista de forma [2, 2] y devolviste una lista irregular");
  assert.ok(cmp(tf.tensor1d([1, 0], "bool"), [true, false]).ok, "booleanos como 1 y 0");
  tf.dispose([t, n]);
});

test("objetos clave a clave, listas elemento a elemento, textos y undefined", () => {
  const expected = { salida: [[1, 2]], pesos: [[0.5, 0.5]] };
  assert.ok(cmp({ salida: [[1, 2]], pesos: [[0.5, 0.5]], extra: 1 }, expected).ok, "las claves de más se permiten");
  assert.equal(cmp({ salida: [[1, 2]] }, expected).message, "falta 'pesos'");
  assert.equal(
    cmp({ salida: [[1, 3]], pesos: [[0.5]] }, expected).message,
    "salida: error máximo 1 (en [0, 1]: 3 en lugar de 2; tolerancia 1e-4); pesos: forma [1, 1] en lugar de [1, 2]",
  );
  assert.equal(cmp(["a", "b"], ["a", "c"]).message, '[1]: se esperaba el texto "c" y devolviste el texto "b"');
  assert.equal(cmp(["a"], ["a", "b"]).message, "una lista de 1 elementos en lugar de 2");
  assert.equal(cmp(undefined, 3).message, "se esperaba el número 3 y devolviste undefined (¿falta un return?)");
  assert.equal(cmp(() => 1, [1]).message, "se esperaba una lista de 1 elemento y devolviste una función");
  assert.ok(cmp(true, true).ok);
  assert.equal(cmp(1, true).message, "se esperaba el booleano true y devolviste el número 1");
  assert.ok(cmp([], []).ok);
  assert.equal(cmp(null, { a: 1 }).message, "se esperaba un objeto con 'a' y devolviste null");
});
