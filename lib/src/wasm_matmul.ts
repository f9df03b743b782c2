/**
 * A faster matrix product on the wasm backend (lesson 00, backends).
 *
 * The wasm backend multiplies with XNNPACK (SIMD) only in one case: a single matrix product
 * (batch 1) without the flags `transposeA` / `transposeB`. Everything else falls back to a plain
 * scalar loop that is 10–25× slower for the shapes of a small transformer. Two things hit that loop:
 * - every linear layer computes `x · Wᵀ`, and every backward pass of a product uses both flags;
 * - attention multiplies a batch of B·H small matrices (`q · kᵀ`, `weights · v`).
 *
 * We wrap the kernel. A flag becomes an explicit transpose of the operand (cheap, memory-bound).
 * A batched product becomes one XNNPACK product per matrix of the batch: each matrix is registered
 * as a *view* into its tensor's memory (no copy) under a fresh tensor id, multiplied, and the views
 * are dropped (tiny matrices, as in one-token decoding, stay in the loop, which is cheaper for them).
 * When the right operand is shared by the whole batch, the batch is instead folded into the rows of
 * a single product. The results are the same products (up to summation order).
 *
 * A matrix `W` in `x · Wᵀ` (a linear layer's weight) is transposed once and kept while `W`'s data
 * lives: XNNPACK then also reuses the operator (with its packed weights) that it caches for that
 * transposed copy. Generation, which multiplies by the same weights at every step, gains most.
 * The copy lives in the backend, outside `tf.memory()`, and is freed with `W`'s data (an optimizer
 * step or `dispose()` frees the old data; tensor data never changes in place).
 */
import * as tf from "@tensorflow/tfjs";

const WRAPPED = Symbol("atencion.fastMatMul");

/**
 * Below this many multiply-adds per matrix the scalar loop wins: creating an XNNPACK operator per
 * matrix costs a few microseconds (measured: equal at about 1 000, the loop 3× slower at 4 096).
 */
const MIN_MACS_PER_MATRIX = 2048;

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

/** The parts of the wasm backend (tfjs-backend-wasm 4.22) that the batched path uses. */
interface WasmBackendInternals extends tf.KernelBackend {
  wasm: {
    cwrap(name: string, ret: null, argTypes: string[]): (...args: unknown[]) => void;
    tfjs: { registerTensor(id: number, size: number, offset: number): void; disposeData(id: number): void };
  };
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  dataIdNextNumber: number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

/** Per backend: the transposed copy of each 2-D right operand `W` of `x · Wᵀ`, by W's data id. */
const transposedCopies = new WeakMap<object, Map<object, tf.TensorInfo>>();

/** Wᵀ for a 2-D `w`, made once per data id; the backend frees it when it frees `w`'s data. */
function cachedTranspose(w: tf.TensorInfo, backend: WasmBackendInternals, transpose: tf.KernelFunc): tf.TensorInfo {
  let copies = transposedCopies.get(backend);
  if (copies === undefined) {
    const cache = (copies = new Map());
    transposedCopies.set(backend, cache);
    const disposeData = backend.disposeData.bind(backend);
    backend.disposeData = (dataId: object, force?: boolean): boolean => {
      const freed = disposeData(dataId, force);
      const copy = cache.get(dataId);
      if (freed && copy !== undefined) {
        cache.delete(dataId);
        disposeData(copy.dataId, true);
      }
      return freed;
    };
  }
  let copy = copies.get(w.dataId);
  if (copy === undefined) {
    copy = transposeLastTwo(w, backend, transpose);
    copies.set(w.dataId, copy);
  }
  return copy;
}

/** `[..., m, n] → [..., n, m]` with the backend's own Transpose kernel. */
function transposeLastTwo(x: tf.TensorInfo, backend: tf.KernelBackend, transpose: tf.KernelFunc): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
}

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

/** The wasm module's own `BatchMatMul` entry point, by tensor ids (one per module). */
const entryPoints = new WeakMap<object, (...args: unknown[]) => void>();
function wasmBatchMatMul(backend: WasmBackendInternals): (...args: unknown[]) => void {
  let fn = entryPoints.get(backend.wasm);
  if (fn === undefined) {
    fn = backend.wasm.cwrap("BatchMatMul", null, ["number", "array", "number", "number", "array", "number", "number", "number", "number"]);
    entryPoints.set(backend.wasm, fn);
  }
  return fn;
}

/**
 * `a [batchA, m, k] · b [batchB, k, n]` (no flags; batchA and batchB equal, or one of them 1) as
 * one XNNPACK product per matrix, on views into the operands' memory. Returns `[batch, m, n]`.
 */
function batchedProduct(a: tf.TensorInfo, b: tf.TensorInfo, batchA: number, batchB: number, backend: WasmBackendInternals): tf.TensorInfo {
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[b.shape.length - 1];
  const batch = Math.max(batchA, batchB);
  const out = backend.makeOutput([batch, m, n], "float32");
  const offsetOf = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
  const [aOffset, bOffset, outOffset] = [offsetOf(a), offsetOf(b), offsetOf(out)];
  const { registerTensor, disposeData } = backend.wasm.tfjs;
  const multiply = wasmBatchMatMul(backend);
  const [aShape, bShape] = [shapeBytes([1, m, k]), shapeBytes([1, k, n])];
  for (let i = 0; i < batch; i++) {
    const [aId, bId, outId] = [backend.dataIdNextNumber++, backend.dataIdNextNumber++, backend.dataIdNextNumber++];
    registerTensor(aId, m * k, aOffset + 4 * (batchA === 1 ? 0 : i) * m * k); // float32: 4 bytes
    registerTensor(bId, k * n, bOffset + 4 * (batchB === 1 ? 0 : i) * k * n);
    registerTensor(outId, m * n, outOffset + 4 * i * m * n);
    multiply(aId, aShape, 3, bId, bShape, 3, false, false, outId);
    // Dropping a view frees nothing (the memory belongs to a, b, out) but XNNPACK's cached operator.
    disposeData(aId);
    disposeData(bId);
    disposeData(outId);
  }
  return out;
}

/** Wraps the wasm `BatchMatMul` kernel as described above (idempotent; lesson 00, backends). */
export function registerFastTransposedMatMul(): void {
  const original = tf.getKernel("BatchMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  if (original === undefined || transpose === undefined || (original.kernelFunc as { [WRAPPED]?: boolean })[WRAPPED]) return;
  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const backend = args.backend as WasmBackendInternals;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const a2 = attrs.transposeA ? transposeLastTwo(a, backend, transpose.kernelFunc) : a;
    const keepB = attrs.transposeB && b.shape.length === 2 && b.dtype === "float32"; // a weight, as in x · Wᵀ
    const b2 = keepB ? cachedTranspose(b, backend, transpose.kernelFunc) : attrs.transposeB ? transposeLastTwo(b, backend, transpose.kernelFunc) : b;
    try {
      const plain = { ...args, attrs: { ...attrs, transposeA: false, transposeB: false } };
      const [outerA, outerB] = [a2.shape.slice(0, -2), b2.shape.slice(0, -2)];
      const [batchA, batchB] = [size(outerA), size(outerB)];
      const [m, k] = a2.shape.slice(-2);
      const n = b2.shape[b2.shape.length - 1];
      const outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
      const sameBatch = batchA === batchB && tf.util.arraysEqual(outerA, outerB);
      const simple = a2.dtype === "float32" && (sameBatch || batchA === 1 || batchB === 1);
      if (!simple || Math.max(batchA, batchB) === 1 || m * k * n === 0 || (batchB > 1 && m * k * n < MIN_MACS_PER_MATRIX)) {
        return original.kernelFunc({ ...plain, inputs: { a: a2, b: b2 } }) as tf.TensorInfo;
      }
      let out: tf.TensorInfo;
      if (batchB === 1) {
        // One right operand for the whole batch: fold the batch into the rows, [batch·m, k] · [k, n].
        const folded = { ...a2, shape: [1, batchA * m, k] };
        out = original.kernelFunc({ ...plain, inputs: { a: folded, b: { ...b2, shape: [1, k, n] } } }) as tf.TensorInfo;
      } else {
        out = batchedProduct(a2, b2, batchA, batchB, backend);
      }
      return { ...out, shape: [...outer, m, n] };
    } finally {
      if (a2 !== a) backend.disposeData(a2.dataId);
      if (b2 !== b && !keepB) backend.disposeData(b2.dataId);
    }
  };
  (kernelFunc as unknown as { [WRAPPED]: boolean })[WRAPPED] = true;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}
