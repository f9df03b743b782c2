// @ts-check
// The grader's sandbox: child processes that run students' code (sandbox/harness.cjs) or
// type-check it (sandbox/compiler.cjs) under Node's permission model.
//
// - Reads: only the library's compiled code (lib/dist, lib/package.json), the packages in
//   node_modules (each real folder on its own: a symlinked folder such as the workspace link
//   node_modules/atencion → lib would let `link/../..` reach the whole course), and sandbox/.
//   No master notebooks, no hidden tests, no submissions, no output folder.
// - Writes, child processes, workers, native addons: none.
// - Network: cut off with a new network namespace (`unshare -rn`) where the system allows it.
// - Limits: a V8 heap cap, a resident-memory cap watched from here (tensor and wasm memory live
//   outside the V8 heap), wall-clock limits enforced with SIGKILL, and capped
//   stdout/stderr (read and mostly discarded, so that a child printing megabytes cannot stall).
// - A minimal environment (no inherited secrets).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SANDBOX_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "sandbox");

/**
 * @typedef {{ root: string, readPaths: string[], wrapper: string[], network: "aislada" | "no aislada",
 *   backend: string, excluded: string[] }} SandboxConfig
 * @typedef {{ heapMB: number, rssMB: number }} MemoryLimits
 */

/**
 * Folders under `dir` that are real (not symlinks), package by package (scopes expanded).
 * @param {string} dir
 */
function packageFolders(dir) {
  if (!existsSync(dir)) return [];
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || !entry.isDirectory()) continue; // symlinks are not directories here
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith("@")) out.push(...packageFolders(full));
    else out.push(full);
  }
  return out;
}

/**
 * True when `dir` contains, at any depth, a symlink to a folder.
 * @param {string} dir
 */
function hasFolderSymlink(dir) {
  const stack = [dir];
  while (stack.length > 0) {
    const d = /** @type {string} */ (stack.pop());
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isSymbolicLink()) {
        try {
          if (readdirSync(full) !== undefined) return true; // it resolves to a folder
        } catch {
          // a link to a file, or a dangling one: harmless
        }
      } else if (e.isDirectory()) stack.push(full);
    }
  }
  return false;
}

/** True when `unshare -rn` can start a process in its own network namespace here. */
function canIsolateNetwork() {
  const r = spawnSync("unshare", ["-rn", process.execPath, "-e", "0"], { stdio: "ignore", timeout: 10000 });
  return r.status === 0;
}

/**
 * What the sandboxed children may read, and how they start. Their TensorFlow.js backend is the
 * course's default, wasm (tfjs-node is a native addon, which the sandbox refuses), unless
 * ATENCION_BACKEND says otherwise.
 * @param {string} root the course root
 * @param {{ isolateNetwork?: "auto" | "yes" | "no", backend?: string }} [options]
 * @returns {SandboxConfig}
 */
export function sandboxConfig(root, { isolateNetwork = "auto", backend = process.env.ATENCION_BACKEND || "wasm" } = {}) {
  const lib = realpathSync(path.join(root, "lib"));
  const dist = path.join(lib, "dist");
  if (!existsSync(path.join(dist, "index.js"))) {
    throw new Error("la biblioteca atencion no está compilada (lib/dist): ejecuta `npm run build`");
  }
  /** @type {string[]} */
  const excluded = [];
  const packages = [path.join(root, "node_modules"), path.join(lib, "node_modules")].flatMap(packageFolders).filter((p) => {
    if (hasFolderSymlink(p)) {
      excluded.push(p);
      return false;
    }
    return true;
  });
  const readPaths = [SANDBOX_DIR, dist, path.join(lib, "package.json"), ...packages.map((p) => realpathSync(p))];
  const isolate = isolateNetwork === "yes" || (isolateNetwork === "auto" && canIsolateNetwork());
  return { root, readPaths, wrapper: isolate ? ["unshare", "-rn"] : [], network: isolate ? "aislada" : "no aislada", backend, excluded };
}

/**
 * Starts `script` (in sandbox/) sandboxed, with stdin, stdout, stderr, and a fourth pipe (fd 3)
 * or an IPC channel. The child stays in the grader's process group (it cannot start processes of
 * its own), so that Ctrl-C on the grader also ends it; `killAllChildren` ends the rest on exit.
 * @param {SandboxConfig} cfg
 * @param {string} script
 * @param {string[]} args
 * @param {{ heapMB: number, ipc?: boolean }} options
 */
export function spawnSandboxed(cfg, script, args, { heapMB, ipc = false }) {
  const node = [
    "--no-warnings",
    "--experimental-permission",
    ...cfg.readPaths.map((p) => `--allow-fs-read=${p}`),
    `--max-old-space-size=${heapMB}`,
    "--stack-size=2000",
    path.join(SANDBOX_DIR, script),
    ...args,
  ];
  const [cmd, ...pre] = cfg.wrapper.length > 0 ? [...cfg.wrapper, process.execPath] : [process.execPath];
  const child = spawn(cmd, [...pre, ...node], {
    cwd: SANDBOX_DIR,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      LANG: "C.UTF-8",
      ATENCION_BACKEND: cfg.backend,
      NODE_OPTIONS: "",
    },
    stdio: ["pipe", "pipe", "pipe", ipc ? "ipc" : "pipe"],
  });
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

/** @type {Set<import("node:child_process").ChildProcess>} */
const live = new Set();

/**
 * Kills a sandboxed child (SIGKILL: nothing it does can delay it).
 * @param {import("node:child_process").ChildProcess} child
 */
export function killChild(child) {
  try {
    child.kill("SIGKILL");
  } catch {
    // already gone
  }
}

/** Kills every sandboxed child still running (on exit, Ctrl-C, or an error in the grader). */
export function killAllChildren() {
  for (const child of live) killChild(child);
  live.clear();
}
process.on("exit", killAllChildren);

/**
 * Resident memory of a process in MB (Linux /proc), or undefined where unknown.
 * @param {number} pid
 */
export function residentMB(pid) {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return (pages * 4096) / 1048576;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the first `limit` bytes of a stream and counts (and drops) the rest.
 * @param {import("node:stream").Readable | null} stream
 * @param {number} limit
 */
function capture(stream, limit) {
  const state = { text: "", bytes: 0 };
  stream?.on("data", (/** @type {Buffer} */ d) => {
    if (state.bytes < limit) state.text += d.subarray(0, limit - state.bytes).toString("utf8");
    state.bytes += d.length;
  });
  stream?.on("error", () => {});
  return state;
}

/**
 * @typedef {{ t: string, i?: number, output?: import("atencion").Serial, error?: string, message?: string }} HarnessMessage
 * @typedef {"start" | "load" | "test"} Phase
 * @typedef {{ end: "done" | "timeout" | "memory" | "output" | "exit", phase: Phase, current: number | undefined,
 *   messages: HarnessMessage[], code: number | null, signal: string | null, stderr: string, stdoutBytes: number,
 *   seconds: number }} HarnessRun
 */

/**
 * Runs the harness once on `job` and reports what happened: the messages (with a valid nonce),
 * how it ended, and in which phase (before the student's code, while loading it, or in a test).
 * @param {SandboxConfig} cfg
 * @param {Omit<import("./sandbox/harness.cjs").Job, "nonce">} job
 * @param {MemoryLimits & { startMs: number, loadMs: number, testMs: number, maxMessageBytes?: number }} limits
 * @returns {Promise<HarnessRun>}
 */
export function runHarness(cfg, job, limits) {
  const nonce = randomBytes(16).toString("hex");
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawnSandboxed(cfg, "harness.cjs", [], { heapMB: limits.heapMB });
    const stdout = capture(child.stdout, 4096);
    const stderr = capture(child.stderr, 16384);
    /** @type {HarnessMessage[]} */
    const messages = [];
    /** @type {Phase} */
    let phase = "start";
    /** @type {number | undefined} */
    let current;
    /** @type {HarnessRun["end"] | undefined} */
    let end;
    let pending = "";
    let received = 0;
    const maxBytes = limits.maxMessageBytes ?? 64 * 1048576;
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const stop = (/** @type {HarnessRun["end"]} */ why) => {
      if (end === undefined) end = why;
      killChild(child);
    };
    const arm = () => {
      clearTimeout(timer);
      const ms = phase === "start" ? limits.startMs : phase === "load" ? limits.loadMs : limits.testMs;
      timer = setTimeout(() => stop("timeout"), ms);
    };
    const memory = setInterval(() => {
      const mb = child.pid !== undefined ? residentMB(child.pid) : undefined;
      if (mb !== undefined && mb > limits.rssMB) stop("memory");
    }, 100);
    arm();
    const channel = /** @type {import("node:stream").Readable} */ (child.stdio[3]);
    channel.on("error", () => {});
    channel.on("data", (/** @type {Buffer} */ d) => {
      received += d.length;
      if (received > maxBytes) return stop("output");
      pending += d.toString("utf8");
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        /** @type {(HarnessMessage & { n?: string }) | undefined} */
        let msg;
        try {
          msg = JSON.parse(line);
        } catch {
          continue; // not ours
        }
        if (msg === undefined || msg === null || msg.n !== nonce) continue; // forged or stray
        delete msg.n;
        messages.push(msg);
        if (msg.t === "hello") phase = "load";
        else if (msg.t === "loaded") phase = "test";
        else if (msg.t === "start") current = msg.i;
        else if (msg.t === "result") current = undefined;
        if (msg.t === "done") end = "done";
        arm();
      }
    });
    child.stdin?.on("error", () => {});
    child.stdin?.end(JSON.stringify({ ...job, nonce }));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(memory);
      killChild(child);
      const heap = /heap out of memory|Reached heap limit|allocation failed/i.test(stderr.text);
      resolve({
        end: end ?? (heap ? "memory" : "exit"),
        phase,
        current,
        messages,
        code,
        signal,
        stderr: stderr.text,
        stdoutBytes: stdout.bytes,
        seconds: (Date.now() - t0) / 1000,
      });
    });
  });
}

/**
 * A long-lived sandboxed type checker (sandbox/compiler.cjs), restarted after a timeout or a crash.
 */
export class CompilerClient {
  /**
   * @param {SandboxConfig} cfg
   * @param {{ timeoutMs: number, heapMB: number, rssMB: number }} limits
   */
  constructor(cfg, limits) {
    this.cfg = cfg;
    this.limits = limits;
    /** @type {import("node:child_process").ChildProcess | undefined} */
    this.child = undefined;
    /** @type {Promise<void> | undefined} */
    this.started = undefined;
    this.nextId = 1;
    /** @type {Map<number, (r: CompileAnswer) => void>} */
    this.waiting = new Map();
    /** @type {NodeJS.Timeout | undefined} */
    this.memory = undefined;
  }

  /** @returns {Promise<void>} */
  start() {
    if (this.started) return this.started;
    const ts = realpathSync(path.join(this.cfg.root, "node_modules", "typescript"));
    const modules = path.join(this.cfg.root, "node_modules");
    const typesDir = path.join(modules, "@types");
    const types = existsSync(typesDir) ? readdirSync(typesDir).filter((t) => !t.startsWith(".")) : [];
    const scopes = readdirSync(modules).filter((d) => d.startsWith("@")).map((d) => path.join(modules, d));
    // Folders that exist but that the compiler may not stat: the parents of the packages, and the
    // packages themselves (Node 20's permission model denies a stat of a granted folder whose
    // name is a prefix of another granted folder, e.g. @types/node next to @types/node-fetch).
    const context = { types, folders: [modules, ...scopes, ...this.cfg.readPaths] };
    const child = spawnSandboxed(this.cfg, "compiler.cjs", [this.cfg.root, ts, JSON.stringify(context)], { heapMB: this.limits.heapMB, ipc: true });
    this.child = child;
    const stderr = capture(child.stderr, 16384);
    capture(child.stdout, 1024);
    this.started = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("el comprobador de tipos no arrancó a tiempo")), 60000);
      child.on("message", (/** @type {{ type?: string, id?: number }} */ msg) => {
        if (msg?.type === "hello") {
          clearTimeout(timer);
          resolve();
        } else if ((msg?.type === "result" || msg?.type === "failure") && typeof msg.id === "number") {
          this.waiting.get(msg.id)?.(/** @type {CompileAnswer} */ (msg));
          this.waiting.delete(msg.id);
        }
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`el comprobador de tipos terminó (código ${code}, señal ${signal}): ${stderr.text.slice(-2000)}`));
        if (this.child !== child) return; // an old child, already replaced
        for (const done of this.waiting.values()) done({ type: "crash", message: `terminó (código ${code}, señal ${signal})` });
        this.waiting.clear();
        this.reset();
      });
    });
    this.started.catch(() => {});
    this.memory = setInterval(() => {
      const mb = child.pid !== undefined ? residentMB(child.pid) : undefined;
      if (mb !== undefined && mb > this.limits.rssMB) killChild(child);
    }, 250);
    return this.started;
  }

  reset() {
    clearInterval(this.memory);
    if (this.child) killChild(this.child);
    this.child = undefined;
    this.started = undefined;
  }

  /**
   * Type-checks and compiles cells; exports `names` from the program.
   * @param {import("./sandbox/program.cjs").ProgramCell[]} cells
   * @param {string[]} names
   * @returns {Promise<CompileAnswer>}
   */
  async compile(cells, names) {
    await this.start();
    const child = /** @type {import("node:child_process").ChildProcess} */ (this.child);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.reset();
        resolve({ type: "timeout" });
      }, this.limits.timeoutMs);
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      child.send({ id, cells, exports: names });
    });
  }

  close() {
    this.reset();
  }
}

/**
 * @typedef {{ cell: number | null, line: number, column: number, message: string, code: number }} Diagnostic
 * @typedef {{ type: "result", id: number, js: string, diagnostics: Diagnostic[] } | { type: "failure", message: string }
 *   | { type: "timeout" } | { type: "crash", message: string }} CompileAnswer
 */
