// @ts-check
// A progress bar on stderr: redrawn in place on a terminal, one line per student otherwise.

/**
 * @param {number} total
 * @param {NodeJS.WriteStream} [stream]
 */
export function progressBar(total, stream = process.stderr) {
  const t0 = Date.now();
  let done = 0;
  const tty = stream.isTTY === true;
  const clock = () => {
    const s = Math.round((Date.now() - t0) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const draw = (/** @type {string} */ label) => {
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const bar = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${done}/${total} entregas · ${clock()}`;
    if (tty) stream.write(`\r\x1b[2K${bar} · ${label}`.slice(0, (stream.columns ?? 100) + 8));
    else stream.write(`${bar} · ${label}\n`);
  };
  if (tty) draw("empezando…");
  return {
    /** @param {string} label */
    tick(label) {
      done++;
      draw(label);
    },
    finish() {
      if (tty) stream.write("\n");
    },
  };
}
