// @ts-check
// Command-line options as the course's scripts take them: `--name value` (the scripts in scripts/,
// bench/ and the checkpoints' training scripts).

/**
 * The value after `flag` in `argv` (`--out x` → "x"), or undefined when the flag is absent.
 * @param {string[]} argv
 * @param {string} flag
 * @returns {string | undefined}
 */
export function optionValue(argv, flag) {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * The value after every occurrence of `flag` (`--lib a --lib b` → ["a", "b"]).
 * @param {string[]} argv
 * @param {string} flag
 * @returns {string[]}
 */
export function optionValues(argv, flag) {
  return argv.flatMap((a, i) => (a === flag && i + 1 < argv.length ? [argv[i + 1]] : []));
}

/**
 * A number given as `--name N` in `argv`, or `fallback` when the option is absent.
 * @param {string[]} argv
 * @param {string} name without the dashes
 * @param {number} fallback
 * @returns {number}
 */
export function numberOption(argv, name, fallback) {
  const value = optionValue(argv, `--${name}`);
  return value === undefined ? fallback : Number(value);
}
