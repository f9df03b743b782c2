// Headless Chromium for the course checks (scripts/checks/browser.mjs, notebook-clasico.mjs):
// Debian's /usr/bin/chromium driven by playwright-core (which downloads no browser), a fresh
// profile each time, and a tally of ✓/✗ lines.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const CHROMIUM = process.env.ATENCION_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium with a fresh user-data-dir; `close()` ends it and removes the profile. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(path.join(os.tmpdir(), "atencion-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** A list of checks: `check(ok, what, detail)` prints ✓/✗; `finish(name)` prints the tally and exits. */
export function checklist() {
  const failures = [];
  const t0 = Date.now();
  return {
    check(ok, what, detail = "") {
      console.log(`${ok ? "✓" : "✗"} ${what}${!ok && detail ? `\n    ${detail}` : ""}`);
      if (!ok) failures.push(what);
      return ok;
    },
    finish(name) {
      console.log(`${name}: ${failures.length === 0 ? "todo bien" : `${failures.length} fallo(s)`}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      process.exit(failures.length === 0 ? 0 : 1);
    },
  };
}
