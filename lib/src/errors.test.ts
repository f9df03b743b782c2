import { before, test } from "node:test";
import assert from "node:assert/strict";
import { tf, ready } from "./backend";

before(ready);
import { AtencionError, checkRank, checkShape, checkInt, checkOneOf, checkTensor, formatShape } from "./errors";

test("los errores nombran el argumento, la forma esperada y la recibida", () => {
  const t = tf.zeros([2, 3]);
  assert.equal(formatShape([2, null, 4]), "[2, ?, 4]");
  assert.throws(() => checkRank("f", "x", t, 3, "[B, T, D]"), (e: Error) => {
    assert.ok(e instanceof AtencionError);
    assert.match(e.message, /f: 'x' debe tener forma \[B, T, D\], pero tiene forma \[2, 3\]/);
    return true;
  });
  assert.throws(() => checkShape("f", "x", t, [2, 4]), /'x' debe tener forma \[2, 4\], pero tiene forma \[2, 3\]/);
  checkShape("f", "x", t, [null, 3]);
  checkRank("f", "x", t, [2, 3]);
  assert.throws(() => checkTensor("f", "x", [1, 2]), /'x' debe ser un tensor, y recibí una lista de 2 elementos/);
  assert.throws(() => checkInt("f", "n", 2.5), /'n' debe ser un entero ≥ 1, y es 2.5/);
  assert.equal(checkInt("f", "n", 3, 0, 5), 3);
  assert.throws(() => checkOneOf("f", "act", "tanh", ["relu", "gelu"]), /"relu", "gelu"/);
  t.dispose();
});
