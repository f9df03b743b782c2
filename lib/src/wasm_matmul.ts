/**
 * A faster transposed matrix product on the wasm backend.
 *
 * The wasm backend multiplies `a · b` with XNNPACK, but `a · bᵀ` and `aᵀ · b` (the flags
 * `transposeA` / `transposeB`) fall back to a plain loop that is about 10× slower for the shapes of
 * a small transformer ([768, 64] · [64, 256]: 20 ms against 2 ms). Every linear layer computes
 * `x · Wᵀ`, and every backward pass of a matrix product uses both flags, so training is dominated
 * by that loop. We wrap the kernel: transpose the operand explicitly (cheap, memory-bound), then
 * multiply without flags. The result is the same product.
 */
import * as tf from "@tensorflow/tfjs";

const WRAPPED = Symbol("atencion.transposedMatMul");

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: tf.KernelBackend; attrs?: tf.NamedAttrMap };
type WasmBackend = tf.KernelBackend & { disposeData(dataId: object): boolean };

/** `[..., m, n] → [..., n, m]` with the backend's own Transpose kernel. */
function transposeLastTwo(x: tf.TensorInfo, backend: tf.KernelBackend, transpose: tf.KernelFunc): tf.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return transpose({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
}

/** Wraps the wasm `BatchMatMul` kernel so that transposed products run as plain ones (idempotent; lesson 00, backends). */
export function registerFastTransposedMatMul(): void {
  const original = tf.getKernel("BatchMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  if (original === undefined || transpose === undefined || (original.kernelFunc as { [WRAPPED]?: boolean })[WRAPPED]) return;
  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args) as tf.TensorInfo;
    const backend = args.backend as WasmBackend;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const a2 = attrs.transposeA ? transposeLastTwo(a, backend, transpose.kernelFunc) : a;
    const b2 = attrs.transposeB ? transposeLastTwo(b, backend, transpose.kernelFunc) : b;
    try {
      return original.kernelFunc({ ...args, inputs: { a: a2, b: b2 }, attrs: { ...attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
    } finally {
      if (a2 !== a) backend.disposeData(a2.dataId);
      if (b2 !== b) backend.disposeData(b2.dataId);
    }
  };
  (kernelFunc as unknown as { [WRAPPED]: boolean })[WRAPPED] = true;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}
