/**
 * Shape checks shared by the transformer blocks (lessons 03–08), built on `errors.ts`: the last
 * dimension of an input, a mask that must broadcast to the attention scores, a width that must
 * divide evenly. Messages are in Spanish and name the argument, the expected and the received shape.
 */
import { AtencionError, checkRank, checkTensor, formatShape } from "./errors";

type Shaped = { shape: readonly number[] };

/** (lessons 03–08) Throws unless `t` has rank ≥ 1 and its last dimension is `size`; `letter` names it (e.g. "D"). */
export function checkLastDim(where: string, name: string, t: unknown, size: number, letter = "D"): void {
  checkTensor(where, name, t);
  const shape = t.shape;
  if (shape.length === 0 || shape[shape.length - 1] !== size) {
    throw new AtencionError(
      `${where}: '${name}' debe tener forma [..., ${letter}=${size}], pero tiene forma ${formatShape(shape)}.`,
    );
  }
}

/** (lessons 03–08) Throws unless `t` is a tensor of exactly rank `rank` (`dims` names the axes, e.g. "[B, T, D]"). */
export function checkTensorRank(where: string, name: string, t: unknown, rank: number | number[], dims: string): asserts t is Shaped {
  checkTensor(where, name, t);
  checkRank(where, name, t, rank, dims);
}

/** (lessons 03–08) Throws unless dimension `axis` of `t` equals `size`; `what` says where `size` came from. */
export function checkDim(where: string, name: string, t: Shaped, axis: number, size: number, dims: string, what: string): void {
  const d = t.shape[axis < 0 ? t.shape.length + axis : axis];
  if (d !== size) {
    throw new AtencionError(
      `${where}: '${name}' debe tener forma ${dims} con ${what} = ${size}, pero tiene forma ${formatShape(t.shape)}.`,
    );
  }
}

/**
 * (lesson 04) Throws unless `mask` broadcasts to `target` (numpy rules: aligned from the right, each dimension
 * equal or 1) and has at most as many dimensions.
 */
export function checkBroadcastable(where: string, name: string, mask: unknown, target: readonly number[], dims: string): void {
  checkTensor(where, name, mask);
  const m = mask.shape;
  const ok =
    m.length <= target.length &&
    m.every((d, i) => {
      const t = target[target.length - m.length + i];
      return d === t || d === 1;
    });
  if (!ok) {
    throw new AtencionError(
      `${where}: '${name}' debe poder extenderse a la forma ${formatShape(target)} ${dims}, pero tiene forma ${formatShape(m)}.`,
    );
  }
}
