import { test } from "node:test";
import assert from "node:assert/strict";
import { Rng, COURSE_SEED } from "./random";

test("la misma semilla da los mismos números; otra semilla, otros", () => {
  const a = new Rng(7);
  const b = new Rng(7);
  const c = new Rng(8);
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.equal(new Rng().next(), new Rng(COURSE_SEED).next());
});

test("uniforme y normal tienen la media y la varianza esperadas", () => {
  const r = new Rng(1);
  const n = 20000;
  const u = Array.from({ length: n }, () => r.next());
  const z = Array.from({ length: n }, () => r.normal());
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const variance = (v: number[]) => mean(v.map((x) => (x - mean(v)) ** 2));
  assert.ok(Math.abs(mean(u) - 0.5) < 0.01);
  assert.ok(Math.abs(variance(u) - 1 / 12) < 0.005);
  assert.ok(Math.abs(mean(z)) < 0.03);
  assert.ok(Math.abs(variance(z) - 1) < 0.05);
});

test("shuffle es una permutación, no toca la original y es reproducible", () => {
  const items = [1, 2, 3, 4, 5, 6, 7, 8];
  const s1 = new Rng(3).shuffle(items);
  assert.deepEqual([...s1].sort((x, y) => x - y), items);
  assert.deepEqual(items, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(new Rng(3).shuffle(items), s1);
});

test("weighted respeta los pesos y int el rango", () => {
  const r = new Rng(5);
  const counts = [0, 0, 0];
  for (let i = 0; i < 10000; i++) counts[r.weighted([1, 0, 3])]++;
  assert.equal(counts[1], 0);
  assert.ok(Math.abs(counts[2] / 10000 - 0.75) < 0.02);
  for (let i = 0; i < 1000; i++) {
    const k = r.int(3);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 3);
  }
});

test("entradas inválidas dan errores en español", () => {
  assert.throws(() => new Rng(NaN), /semilla/);
  assert.throws(() => new Rng(1).int(0), /entero positivo/);
  assert.throws(() => new Rng(1).choice([]), /vacía/);
  assert.throws(() => new Rng(1).weighted([0, 0]), /suman 0/);
});
