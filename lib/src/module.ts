/**
 * The base class of every layer and model (lesson 07 explains parameters and state dicts).
 *
 * Like `torch.nn.Module`: a module owns named parameters (`tf.Variable`s) and named child modules;
 * `namedParameters()` walks the tree with dotted PyTorch-style names (`self_attn.in_proj_weight`),
 * `stateDict()` / `loadStateDict()` read and write them by name with shape checks.
 */
import * as tf from "@tensorflow/tfjs";
import { AtencionError, formatShape } from "./errors";

/** A record of named tensors, as in a PyTorch `state_dict` or a safetensors file. */
export type StateDict = Record<string, tf.Tensor>;

export abstract class Module {
  private readonly ownParams = new Map<string, tf.Variable>();
  private readonly ownBuffers = new Map<string, tf.Tensor>();
  private readonly children = new Map<string, Module>();
  /** Training mode (dropout active) or evaluation mode. */
  training = true;

  /** Registers a trainable parameter with its initial value (the module takes ownership of `init`). */
  protected addParameter(name: string, init: tf.Tensor, trainable = true): tf.Variable {
    if (this.ownParams.has(name) || this.children.has(name)) {
      throw new Error(`${this.constructor.name}: el parámetro '${name}' ya existe`);
    }
    const v = tf.variable(init, trainable);
    init.dispose(); // the variable holds its own reference to the data
    this.ownParams.set(name, v);
    return v;
  }

  /** Registers a non-trainable tensor that belongs to the state (e.g. a fixed positional table). */
  protected addBuffer(name: string, value: tf.Tensor): tf.Tensor {
    tf.keep(value);
    this.ownBuffers.set(name, value);
    return value;
  }

  /** Registers a child module under `name` (its parameters become `name.*`). */
  protected addModule<M extends Module>(name: string, module: M): M {
    if (this.ownParams.has(name) || this.children.has(name)) {
      throw new Error(`${this.constructor.name}: el submódulo '${name}' ya existe`);
    }
    this.children.set(name, module);
    return module;
  }

  /** Child modules, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.children.entries()];
  }

  /** Every parameter of this module and its children, with dotted names, in registration order. */
  namedParameters(prefix = ""): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [];
    for (const [name, v] of this.ownParams) out.push([prefix + name, v]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  /** Every parameter, in the order of `namedParameters()`. */
  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Trainable parameters only. */
  trainableParameters(): tf.Variable[] {
    return this.parameters().filter((v) => v.trainable);
  }

  /** Number of scalar parameters (all of them, trainable or not). */
  numParameters(): number {
    return this.parameters().reduce((n, v) => n + v.size, 0);
  }

  private namedBuffers(prefix = ""): [string, tf.Tensor][] {
    const out: [string, tf.Tensor][] = [];
    for (const [name, b] of this.ownBuffers) out.push([prefix + name, b]);
    for (const [name, child] of this.children) out.push(...child.namedBuffers(`${prefix}${name}.`));
    return out;
  }

  /**
   * The parameters and buffers by PyTorch-style name. The tensors are the module's own (not
   * copies): read them, do not dispose them.
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, v] of this.namedParameters()) out[name] = v;
    for (const [name, b] of this.namedBuffers()) out[name] = b;
    return out;
  }

  /**
   * Copies values from `record` into the parameters, by name. With `strict` (the default) every
   * parameter must be present and no unknown name may appear; shapes must always match.
   * The caller keeps ownership of `record`.
   */
  loadStateDict(record: StateDict, { strict = true }: { strict?: boolean } = {}): void {
    const where = `${this.constructor.name}.loadStateDict`;
    const params = new Map(this.namedParameters());
    if (strict) {
      const missing = [...params.keys()].filter((k) => !(k in record));
      const buffers = new Set(this.namedBuffers().map(([k]) => k));
      const unexpected = Object.keys(record).filter((k) => !params.has(k) && !buffers.has(k));
      if (missing.length > 0 || unexpected.length > 0) {
        throw new AtencionError(
          `${where}: los nombres no coinciden.` +
            (missing.length ? ` Faltan: ${missing.join(", ")}.` : "") +
            (unexpected.length ? ` Sobran: ${unexpected.join(", ")}.` : ""),
        );
      }
    }
    for (const [name, v] of params) {
      const t = record[name];
      if (t === undefined) continue;
      if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
        throw new AtencionError(
          `${where}: '${name}' debe tener forma ${formatShape(v.shape)}, pero el registro trae ${formatShape(t.shape)}.`,
        );
      }
    }
    for (const [name, v] of params) {
      const t = record[name];
      if (t !== undefined) v.assign(t.dtype === v.dtype ? t : tf.cast(t, v.dtype));
    }
  }

  /** Sets training mode on this module and every child (dropout on). */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children.values()) child.train(mode);
    return this;
  }

  /** Sets evaluation mode on this module and every child (dropout off). */
  eval(): this {
    return this.train(false);
  }

  /** Frees every parameter and buffer of this module and its children. */
  dispose(): void {
    for (const v of this.ownParams.values()) v.dispose();
    for (const b of this.ownBuffers.values()) b.dispose();
    for (const child of this.children.values()) child.dispose();
    this.ownParams.clear();
    this.ownBuffers.clear();
  }
}
