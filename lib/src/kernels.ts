/**
 * Kernels that a backend lacks, or runs much slower than it could, on the course's paths.
 *
 * On the wasm backend:
 * - `UnsortedSegmentSum` is missing. TensorFlow.js uses it for the gradient of `gather` (so: of
 *   every embedding lookup). We provide it on the JavaScript side: a scatter-add of rows, cheap
 *   next to the matrix products around it.
 * - `GatherV2` along the first axis (an embedding lookup) takes ~10 ms for 1024 rows of 64;
 *   copying the rows from JavaScript takes a fraction of a millisecond.
 * - `Identity` copies its input. The engine runs it for every tensor that a gradient keeps for
 *   the backward pass (hundreds per training step); sharing the data, as the `cpu` backend does,
 *   is safe because no kernel writes into an existing tensor.
 * - `BatchMatMul` leaves its fast path for transposed or batched products: see wasm_matmul.ts.
 */
import * as tf from "@tensorflow/tfjs";
import { registerFastTransposedMatMul } from "./wasm_matmul";

type Backend = tf.KernelBackend & {
  makeOutput?(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: ArrayLike<number>): tf.TensorInfo;
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values?: ArrayLike<number>): tf.TensorInfo;
};

/** The parts of the wasm backend the kernels below use: views of a tensor's memory, new outputs. */
type WasmBackend = tf.KernelBackend & {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  incRef(dataId: object): void;
};
type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };

/**
 * out[s, ...] = sum of x[i, ...] over the i with segmentIds[i] = s (ids outside [0, numSegments)
 * are dropped, as in TensorFlow). `segmentIds` indexes the leading dimensions of `x`.
 */
export function unsortedSegmentSumValues(
  x: ArrayLike<number>,
  xShape: readonly number[],
  segmentIds: ArrayLike<number>,
  numSegments: number,
): Float32Array {
  const numIds = segmentIds.length;
  const rowSize = numIds === 0 ? 0 : xShape.reduce((a, b) => a * b, 1) / numIds;
  const out = new Float32Array(numSegments * rowSize);
  for (let i = 0; i < numIds; i++) {
    const s = segmentIds[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * rowSize;
    const dst = s * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] += x[src + j];
  }
  return out;
}

function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: tf.KernelBackend;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as Backend;
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const numSegments = (args.attrs as { numSegments: number }).numSegments;
  const idsShape = segmentIds.shape;
  const outShape = [numSegments, ...x.shape.slice(idsShape.length)];
  const values = unsortedSegmentSumValues(
    backend.readSync(x.dataId) as Float32Array,
    x.shape,
    backend.readSync(segmentIds.dataId) as Int32Array,
    numSegments,
  );
  if (backend.makeOutput !== undefined) return backend.makeOutput(outShape, "float32", undefined, values);
  if (backend.makeTensorInfo !== undefined) return backend.makeTensorInfo(outShape, "float32", values);
  throw new Error("unsortedSegmentSum: este backend no sabe crear tensores de salida");
}

/** Identity that shares its input's data (reference-counted) instead of copying it. */
function sharedIdentity(args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  (args.backend as WasmBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** `gather(x, indices, 0)` by copying rows; other axes and batch dimensions go to `fallback`. */
function gatherRows(fallback: tf.KernelFunc) {
  return (args: KernelArgs): tf.TensorInfo => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    const { axis, batchDims } = (args.attrs ?? {}) as { axis?: number; batchDims?: number };
    const firstAxis = axis === 0 || (axis !== undefined && x.shape.length > 0 && axis === -x.shape.length);
    if (!firstAxis || (batchDims ?? 0) !== 0 || x.dtype === "string" || x.shape.length === 0) return fallback(args) as tf.TensorInfo;
    const backend = args.backend as WasmBackend;
    const rows = x.shape[0];
    const rowSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    // Views of the heap only after the last allocation: `makeOutput` may grow the wasm memory, and
    // growing detaches every view taken before it (it would read as empty).
    const [ids, from, to] = [backend.typedArrayFromHeap(indices), backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out)];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!(id >= 0 && id < rows)) throw new Error(`GatherV2: the index value ${id} is not in [0, ${rows - 1}]`);
      to.set(from.subarray(id * rowSize, (id + 1) * rowSize), i * rowSize);
    }
    return out;
  };
}

/** Replaces the wasm kernel `name` by `make(original)`, once. */
const replaced = new Set<string>();
function replaceWasmKernel(name: string, make: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, "wasm");
  if (original === undefined || replaced.has(name)) return;
  replaced.add(name);
  tf.unregisterKernel(name, "wasm");
  tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc) });
}

/** Registers, on `backendName`, the kernels it lacks and the faster ones above (idempotent). */
export function registerMissingKernels(backendName: string): void {
  if (backendName !== "wasm") return;
  registerFastTransposedMatMul(); // not missing, but 10× slower with transposes: see wasm_matmul.ts
  replaceWasmKernel("Identity", () => sharedIdentity as unknown as tf.KernelFunc);
  replaceWasmKernel("GatherV2", (original) => gatherRows(original) as unknown as tf.KernelFunc);
  if (tf.getKernel("UnsortedSegmentSum", "wasm") === undefined) {
    tf.registerKernel({
      kernelName: "UnsortedSegmentSum",
      backendName: "wasm",
      kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
    });
  }
}
