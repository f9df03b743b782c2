// Can the wasm backend use both cores in Node.js? A probe, not part of `npm run bench`:
//
//   node bench/wasm-threads.mjs            the ordinary (single-threaded SIMD) build
//   node bench/wasm-threads.mjs --force    force the threaded build, then ask for 2 threads
//
// What it shows (tfjs-backend-wasm 4.22, Node 20; see bench/README.md):
// - the flag WASM_HAS_MULTITHREAD_SUPPORT is hard-coded false in Node; setting it to true makes the
//   backend load the threaded build, whose pthread workers come from a Blob URL that Node's Worker
//   refuses (ERR_WORKER_PATH). Writing the worker script to a file works around that;
// - the thread pool is then sized from (logical cores / 2), i.e. 1 on a 2-core machine, and
//   setThreadsCount(2) / initWithThreadsCount(2) leave getThreadsCount() at 1: no second core.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "lib", "package.json"));
const tf = require("@tensorflow/tfjs");
const wasmBackend = require("@tensorflow/tfjs-backend-wasm");
const force = process.argv.includes("--force");

if (force) {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  const dir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js"));
  const mainScript = path.join(dir, "tfjs-backend-wasm-threaded-simd.js");
  // The worker script, told to load the threaded module from its file instead of from a Blob.
  const worker = require(path.join(dir, "tfjs-backend-wasm-threaded-simd.worker.js"))
    .wasmWorkerContents.replace(/if\(typeof e\.data\.urlOrBlob=="string"\)\{[^}]*\}else\{[^}]*\}/, `importScripts(${JSON.stringify(mainScript)});`)
    .replace(/\n/g, "\\n");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "atencion-wasm-threads-")), "worker.js");
  fs.writeFileSync(file, worker);
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = (blob) => (blob?.type === "application/javascript" ? file : createObjectURL(blob));
  wasmBackend.setThreadsCount(2);
}
tf.enableProdMode();
await tf.setBackend("wasm");
await tf.ready();
const tfjs = tf.backend().wasm.tfjs;
console.log(`build: ${force ? "con hilos (forzado)" : "normal"}; hilos de XNNPACK: ${tfjs.getThreadsCount()}`);
if (force) {
  tfjs.initWithThreadsCount(2);
  console.log(`tras initWithThreadsCount(2): ${tfjs.getThreadsCount()}`);
}
const a = tf.randomNormal([1024, 512]);
const b = tf.randomNormal([512, 512]);
const times = [];
for (let i = 0; i < 20; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const c = tf.matMul(a, b);
  c.dataSync(); // outside tf.tidy: a tidy that returns a typed array walks every element of it
  c.dispose();
  const cpu = process.cpuUsage(cpu0);
  times.push([performance.now() - t0, (cpu.user + cpu.system) / 1000]);
}
times.sort((x, y) => x[0] - y[0]);
const [wall, cpu] = times[10];
console.log(`matMul [1024, 512]·[512, 512]: mediana ${wall.toFixed(1)} ms de reloj, ${cpu.toFixed(1)} ms de CPU (CPU > reloj = más de un hilo)`);
process.exit(0); // the threaded build's workers would keep Node alive
