/**
 * Kernels that a backend lacks but training needs.
 *
 * The wasm backend has no `UnsortedSegmentSum`, which TensorFlow.js uses for the gradient of
 * `gather` (so: of every embedding lookup). We provide it on the JavaScript side: it is a
 * scatter-add of rows, cheap next to the matrix products around it.
 */
import * as tf from "@tensorflow/tfjs";
import { registerFastTransposedMatMul } from "./wasm_matmul";

type Backend = tf.KernelBackend & {
  makeOutput?(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: ArrayLike<number>): tf.TensorInfo;
  makeTensorInfo?(shape: number[], dtype: tf.DataType, values?: ArrayLike<number>): tf.TensorInfo;
};

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

/** Registers, on `backendName`, the kernels it lacks (idempotent). */
export function registerMissingKernels(backendName: string): void {
  if (backendName !== "wasm") return;
  registerFastTransposedMatMul(); // not missing, but 10× slower with transposes: see wasm_matmul.ts
  if (tf.getKernel("UnsortedSegmentSum", "wasm") === undefined) {
    tf.registerKernel({
      kernelName: "UnsortedSegmentSum",
      backendName: "wasm",
      kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
    });
  }
}
