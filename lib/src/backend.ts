/**
 * Backend selection for the whole course (lesson 00).
 *
 * The fastest available backend wins: `tensorflow` (the optional `@tensorflow/tfjs-node`),
 * else `wasm` (SIMD, shipped inside `@tensorflow/tfjs-backend-wasm`), else `cpu`.
 * `ATENCION_BACKEND=cpu|wasm|tensorflow` overrides the choice.
 *
 * Every part of the course shares the one TensorFlow.js instance re-exported here as `tf`.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerMissingKernels } from "./kernels";

export { tf };

/** The backends the course knows, fastest first. */
export type BackendName = "tensorflow" | "wasm" | "cpu";
export const BACKENDS: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

let readyPromise: Promise<void> | undefined;
let reported = false;

/** True when `@tensorflow/tfjs-node` is installed and loads on this machine. */
export function hasTfjsNode(): boolean {
  try {
    // tfjs-node registers the `tensorflow` backend as a side effect of being required.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@tensorflow/tfjs-node");
    return tf.findBackendFactory("tensorflow") !== null;
  } catch {
    return false;
  }
}

/** The backends that can be used on this machine, fastest first. */
export function availableBackends(): BackendName[] {
  return BACKENDS.filter((name) => name !== "tensorflow" || hasTfjsNode());
}

function requestedBackend(): BackendName | undefined {
  const raw = process.env.ATENCION_BACKEND?.trim();
  if (raw === undefined || raw === "") return undefined;
  if (!(BACKENDS as readonly string[]).includes(raw)) {
    throw new Error(
      `ATENCION_BACKEND="${raw}" no es un backend válido: usa uno de ${BACKENDS.join(", ")}.`,
    );
  }
  return raw as BackendName;
}

/**
 * Switches to `name` and waits until it is initialised. Prefer `ready()`; use this to compare
 * backends (the tests run a training step on each installed one).
 */
export async function useBackend(name: BackendName): Promise<void> {
  if (name === "tensorflow" && !hasTfjsNode()) {
    throw new Error(
      "El backend 'tensorflow' necesita el paquete opcional @tensorflow/tfjs-node, que no está instalado.",
    );
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`No se pudo inicializar el backend '${name}'.`);
  await tf.ready();
  registerMissingKernels(name);
}

async function init(): Promise<void> {
  tf.enableProdMode();
  const requested = requestedBackend();
  const candidates = requested !== undefined ? [requested] : availableBackends();
  let lastError: unknown;
  for (const name of candidates) {
    try {
      await useBackend(name);
      if (!reported) {
        reported = true;
        const how = requested !== undefined ? "elegido con ATENCION_BACKEND" : "el más rápido disponible";
        console.log(`atencion: backend '${tf.getBackend()}' (${how})`);
      }
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/**
 * Resolves once the backend is chosen and initialised. Call it (`await ready()`) before the first
 * tensor operation; calling it again is free.
 */
export function ready(): Promise<void> {
  if (readyPromise === undefined) {
    readyPromise = init().catch((error: unknown) => {
      readyPromise = undefined; // let a later call retry
      throw error;
    });
  }
  return readyPromise;
}

/** The backend in use (after `ready()`). */
export function backendName(): string {
  return tf.getBackend();
}
