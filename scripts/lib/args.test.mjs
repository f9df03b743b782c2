import { test } from "node:test";
import assert from "node:assert/strict";
import { numberOption, optionValue, optionValues } from "./args.mjs";

test("optionValue: the value after the flag, or undefined", () => {
  const argv = ["--estudiante", "ana", "--salida", "zips"];
  assert.equal(optionValue(argv, "--estudiante"), "ana");
  assert.equal(optionValue(argv, "--salida"), "zips");
  assert.equal(optionValue(argv, "--jobs"), undefined);
  assert.equal(optionValue(["--out"], "--out"), undefined, "a flag at the end has no value");
});

test("optionValues: one value per occurrence", () => {
  assert.deepEqual(optionValues(["--lib", "a=x", "--quick", "--lib", "b=y"], "--lib"), ["a=x", "b=y"]);
  assert.deepEqual(optionValues(["--quick", "--lib"], "--lib"), []);
});

test("numberOption: --name N as a number, or the fallback", () => {
  const argv = ["node", "train.mjs", "--steps", "2000", "--lr", "3e-4"];
  assert.equal(numberOption(argv, "steps", 10), 2000);
  assert.equal(numberOption(argv, "lr", 1), 3e-4);
  assert.equal(numberOption(argv, "batch", 64), 64);
});
