/**
 * Optimizers with PyTorch's semantics (lesson 07): `SGD` (with momentum), `Adam` and `AdamW`.
 *
 * An optimizer holds the parameters it updates and, for each one, its state (momentum, moments):
 * plain tensors you can inspect, save with `stateDict()` and free with `dispose()`.
 * `step(grads)` takes the gradients as `tf.variableGrads` returns them and updates every parameter.
 */
import { tf } from "./backend";
import { AtencionError, checkNumber, formatShape } from "./errors";
import { Module, StateDict } from "./module";

/** Gradients as `tf.variableGrads` returns them (by variable name), or keyed by the variable itself (lesson 07). */
export type Gradients = tf.NamedTensorMap | Map<tf.Variable, tf.Tensor>;

/** The gradient of `param` in `grads`, if there is one. */
export function gradientOf(grads: Gradients, param: tf.Variable): tf.Tensor | undefined {
  return grads instanceof Map ? grads.get(param) : grads[param.name];
}

/**
 * The base of every optimizer (lesson 07). Subclasses implement `update`, the rule for one
 * parameter; the base class finds each gradient, counts steps and keeps the state tensors.
 */
export abstract class Optimizer {
  /** The parameters this optimizer updates, in order (their index names them in `stateDict`). */
  readonly params: readonly tf.Variable[];
  private learningRate: number;
  /** Per parameter: how many updates it has had (PyTorch's `state[p]["step"]`). */
  private readonly steps: number[];
  /** Per parameter: its named state tensors (PyTorch's names: `exp_avg`, `momentum_buffer`, …). */
  private readonly slots: Map<string, tf.Tensor>[];

  constructor(params: readonly tf.Variable[] | Module, lr: number) {
    const list = params instanceof Module ? params.trainableParameters() : params;
    const where = this.constructor.name;
    if (!Array.isArray(list) || list.length === 0 || !list.every((p) => p instanceof tf.Variable)) {
      throw new AtencionError(`${where}: 'params' debe ser una lista no vacía de tf.Variable (o un Module con parámetros).`);
    }
    if (new Set(list).size !== list.length) throw new AtencionError(`${where}: 'params' tiene parámetros repetidos.`);
    this.params = list.slice();
    this.learningRate = checkNumber(where, "lr", lr, 0);
    this.steps = list.map(() => 0);
    this.slots = list.map(() => new Map());
  }

  /** The learning rate of the next step (a schedule sets it before each step). */
  get lr(): number {
    return this.learningRate;
  }
  set lr(value: number) {
    this.learningRate = checkNumber(this.constructor.name, "lr", value, 0);
  }

  /**
   * Updates every parameter that has a gradient in `grads` (the others are left alone, as in PyTorch
   * when `p.grad` is None). The caller keeps ownership of `grads` and disposes them.
   */
  step(grads: Gradients): void {
    const where = `${this.constructor.name}.step`;
    let found = 0;
    this.params.forEach((param, i) => {
      const grad = gradientOf(grads, param);
      if (grad === undefined) return;
      if (!tf.util.arraysEqual(grad.shape, param.shape)) {
        throw new AtencionError(
          `${where}: el gradiente del parámetro ${i} debe tener forma ${formatShape(param.shape)}, pero tiene forma ${formatShape(grad.shape)}.`,
        );
      }
      found++;
      this.steps[i]++;
      this.update(i, param, grad, this.steps[i]);
    });
    if (found === 0) {
      throw new AtencionError(`${where}: ningún gradiente corresponde a los parámetros de este optimizador.`);
    }
  }

  /** Applies the rule to one parameter; `step` counts from 1. Run it inside `tf.tidy`, keeping state with `setSlot`. */
  protected abstract update(index: number, param: tf.Variable, grad: tf.Tensor, step: number): void;

  /** The state tensor `name` of parameter `index`, if it exists. */
  protected slot(index: number, name: string): tf.Tensor | undefined {
    return this.slots[index].get(name);
  }

  /** Replaces the state tensor `name` of parameter `index` (frees the old one, keeps the new one). */
  protected setSlot(index: number, name: string, value: tf.Tensor): void {
    this.slots[index].get(name)?.dispose();
    this.slots[index].set(name, tf.keep(value));
  }

  /**
   * The state, as a record of NEW tensors (free them with `tf.dispose(Object.values(record))`):
   * `state.<i>.step` and `state.<i>.<slot>` for parameter i, with PyTorch's slot names.
   * The hyper-parameters (lr, betas, …) are not included: they belong to the constructor.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    this.params.forEach((_, i) => {
      if (this.steps[i] === 0) return;
      out[`state.${i}.step`] = tf.scalar(this.steps[i]);
      for (const [name, t] of this.slots[i]) out[`state.${i}.${name}`] = t.clone();
    });
    return out;
  }

  /** Restores a state saved by `stateDict()` (copies it; the caller keeps `record`). */
  loadStateDict(record: StateDict): void {
    const where = `${this.constructor.name}.loadStateDict`;
    // Check everything first, so that a bad record leaves the state as it was.
    const entries = Object.entries(record).map(([key, t]) => {
      const match = /^state\.(\d+)\.(\w+)$/.exec(key);
      const index = match === null ? -1 : Number(match[1]);
      if (match === null || index >= this.params.length) throw new AtencionError(`${where}: nombre desconocido '${key}'.`);
      const name = match[2];
      const shape = name === "step" ? [] : this.params[index].shape;
      if (!tf.util.arraysEqual(t.shape, shape)) {
        throw new AtencionError(`${where}: '${key}' debe tener forma ${formatShape(shape)}, pero tiene forma ${formatShape(t.shape)}.`);
      }
      return { index, name, t };
    });
    this.dispose();
    for (const { index, name, t } of entries) {
      if (name === "step") this.steps[index] = t.dataSync()[0];
      else this.setSlot(index, name, t.clone());
    }
  }

  /** Frees the state tensors and resets the step counts (the parameters are not touched). */
  dispose(): void {
    for (const slots of this.slots) {
      for (const t of slots.values()) t.dispose();
      slots.clear();
    }
    this.steps.fill(0);
  }
}

/** Configuration of `SGD` (lesson 07); defaults as in `torch.optim.SGD`. */
export interface SGDConfig {
  lr: number;
  /** Momentum factor μ; 0 (the default) is plain gradient descent. */
  momentum?: number;
  /** Dampening of the momentum (default 0). */
  dampening?: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov?: boolean;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent, optionally with momentum (lesson 07), as `torch.optim.SGD`:
 *   g ← g + λ·θ;   b ← μ·b + (1 − dampening)·g  (b = g on the first step);
 *   g ← g + μ·b (Nesterov) or g ← b;   θ ← θ − lr·g
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;

  constructor(params: readonly tf.Variable[] | Module, { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 }: SGDConfig) {
    super(params, lr);
    this.momentum = checkNumber("SGD", "momentum", momentum, 0);
    this.dampening = checkNumber("SGD", "dampening", dampening, 0, 1);
    this.weightDecay = checkNumber("SGD", "weightDecay", weightDecay, 0);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new AtencionError("SGD: 'nesterov' necesita 'momentum' > 0 y 'dampening' = 0.");
    }
    this.nesterov = nesterov;
  }

  protected override update(index: number, param: tf.Variable, grad: tf.Tensor): void {
    tf.tidy(() => {
      let g = this.weightDecay !== 0 ? grad.add(param.mul(this.weightDecay)) : grad;
      if (this.momentum !== 0) {
        const previous = this.slot(index, "momentum_buffer");
        const buffer = previous === undefined ? g.clone() : previous.mul(this.momentum).add(g.mul(1 - this.dampening));
        this.setSlot(index, "momentum_buffer", buffer);
        g = this.nesterov ? g.add(buffer.mul(this.momentum)) : buffer;
      }
      param.assign(param.sub(g.mul(this.lr)));
    });
  }
}

/** Configuration of `Adam` and `AdamW` (lesson 07); defaults as in PyTorch. */
export interface AdamConfig {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to the denominator AFTER the square root, for stability (default 1e-8). */
  eps?: number;
  /** Weight decay λ: an L2 term added to the gradient in Adam (default 0); decoupled in AdamW (default 0.01). */
  weightDecay?: number;
}

/**
 * Adam (Kingma & Ba, 2015; lesson 07), as `torch.optim.Adam`. For step t:
 *   g ← g + λ·θ (only if weightDecay > 0: an L2 penalty, which AdamW replaces)
 *   m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** True for AdamW: the weight decay shrinks θ directly instead of entering the gradient. */
  protected readonly decoupled: boolean = false;

  constructor(params: readonly tf.Variable[] | Module, config: AdamConfig = {}) {
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = config;
    super(params, lr);
    const where = new.target.name;
    this.beta1 = checkNumber(where, "betas[0]", betas[0], 0, 1);
    this.beta2 = checkNumber(where, "betas[1]", betas[1], 0, 1);
    if (this.beta1 === 1 || this.beta2 === 1) throw new AtencionError(`${where}: 'betas' deben ser menores que 1.`);
    this.eps = checkNumber(where, "eps", eps, 0);
    this.weightDecay = checkNumber(where, "weightDecay", weightDecay, 0);
  }

  protected override update(index: number, param: tf.Variable, grad: tf.Tensor, step: number): void {
    const { beta1, beta2, eps, weightDecay, lr } = this;
    tf.tidy(() => {
      let g = grad;
      if (weightDecay !== 0 && this.decoupled) param.assign(param.mul(1 - lr * weightDecay)); // θ ← θ·(1 − lr·λ)
      if (weightDecay !== 0 && !this.decoupled) g = g.add(param.mul(weightDecay));
      const m0 = this.slot(index, "exp_avg") ?? tf.zerosLike(param);
      const v0 = this.slot(index, "exp_avg_sq") ?? tf.zerosLike(param);
      const m = m0.mul(beta1).add(g.mul(1 - beta1));
      const v = v0.mul(beta2).add(g.square().mul(1 - beta2));
      this.setSlot(index, "exp_avg", m);
      this.setSlot(index, "exp_avg_sq", v);
      const stepSize = lr / (1 - beta1 ** step);
      const denom = v.sqrt().div(Math.sqrt(1 - beta2 ** step)).add(eps);
      param.assign(param.sub(m.mul(stepSize).div(denom)));
    });
  }
}

/**
 * AdamW (Loshchilov & Hutter, 2019; lesson 07), as `torch.optim.AdamW`: Adam whose weight decay is
 * decoupled from the gradient, θ ← θ·(1 − lr·λ) before the Adam step. Default weightDecay 0.01.
 */
export class AdamW extends Adam {
  protected override readonly decoupled = true;

  constructor(params: readonly tf.Variable[] | Module, config: AdamConfig = {}) {
    super(params, { weightDecay: 0.01, ...config });
  }
}
