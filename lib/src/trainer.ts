/**
 * The training loop (lesson 07). For each batch:
 *   1. set the learning rate from the schedule,
 *   2. compute the loss and its gradients with respect to the parameters (`tf.variableGrads`),
 *   3. optionally clip the gradients by global norm,
 *   4. let the optimizer update the parameters,
 *   5. free every tensor of the step, record {step, loss, lr} and report progress.
 * Nothing else happens here: the model, the loss and the data are the caller's.
 */
import { tf } from "./backend";
import { clipGradNorm } from "./clip";
import { AtencionError, checkInt, describe, formatShape } from "./errors";
import { Module } from "./module";
import { Optimizer } from "./optim";
import { Schedule } from "./schedules";

/** What `evaluate` returns: one number (e.g. a validation loss) or several by name. */
export type EvalResult = number | Record<string, number>;

/** One line of the training history (lesson 07). */
export interface HistoryEntry {
  /** The update number, from 1. */
  step: number;
  /** The epoch of this step, from 0. */
  epoch: number;
  /** The loss of this step's batch, before the update. */
  loss: number;
  /** The learning rate used for this update. */
  lr: number;
  /** The global gradient norm before clipping (only with `clipNorm`). */
  gradNorm?: number;
  /** What `evaluate` returned after this step, if it ran. */
  eval?: EvalResult;
  /** Seconds spent in training steps so far (evaluation excluded). */
  seconds: number;
}

/** Configuration of `train` (lesson 07). `B` is whatever one batch is: ids, a pair of tensors, … */
export interface TrainConfig<B> {
  /** The model. Its trainable parameters are trained; it is in training mode (dropout on) during steps, in evaluation mode during `evaluate`. */
  module?: Module;
  /** The parameters to train, when there is no `module` (default: the optimizer's). */
  params?: tf.Variable[];
  /** The loss of one batch, a scalar. Runs inside `tf.variableGrads`, which frees its intermediate tensors. */
  loss: (batch: B) => tf.Scalar;
  /** The batches of one epoch: an array (reused every epoch) or a function of the epoch (0, 1, …), e.g. to reshuffle with seed + epoch. */
  batches: Iterable<B> | ((epoch: number) => Iterable<B>);
  optimizer: Optimizer;
  /** Sets `optimizer.lr` before each step (default: keep the optimizer's). */
  schedule?: Schedule;
  /** Clip gradients to this global L2 norm (default: no clipping). */
  clipNorm?: number;
  /** Stop after this many steps (cycling through epochs as needed). */
  steps?: number;
  /** Stop after this many epochs. Give `steps`, `epochs` or both (whichever comes first). */
  epochs?: number;
  /** Run `evaluate` every this many steps; it always runs after the last step. */
  evalEvery?: number;
  /** Evaluation, e.g. the loss on held-out data. Free its tensors (`tf.tidy`). */
  evaluate?: (step: number) => EvalResult | Promise<EvalResult>;
  /** Called after each step with the new entry and the history so far (a live chart plugs in here), and again for the last entry once its evaluation is in. */
  onProgress?: (entry: HistoryEntry, history: readonly HistoryEntry[]) => void | Promise<void>;
  /** Print a line in Spanish every this many steps (default: never). */
  logEvery?: number;
  /** The number of tokens in a batch, to report tokens per second. */
  tokensPerBatch?: (batch: B) => number;
}

/** What `train` returns (lesson 07). */
export interface TrainResult {
  history: HistoryEntry[];
  steps: number;
  /** Seconds in training steps (evaluation and callbacks excluded). */
  trainSeconds: number;
  /** Wall-clock seconds of the whole call. */
  seconds: number;
  stepsPerSecond: number;
  /** Tokens seen and their rate, when `tokensPerBatch` is given. */
  tokens?: number;
  tokensPerSecond?: number;
}

/**
 * Trains with `optimizer` on `loss` over `batches` (lesson 07) and returns the history and timing.
 * Every tensor a step creates is freed: `tf.memory().numTensors` after training equals the count
 * before, plus the optimizer's state on the first call. Throws (before updating) if the loss is
 * NaN or infinite.
 */
export async function train<B>(config: TrainConfig<B>): Promise<TrainResult> {
  const { module, loss, optimizer, schedule, clipNorm, evaluate, evalEvery, onProgress, logEvery, tokensPerBatch } = config;
  const where = "train";
  if (config.steps === undefined && config.epochs === undefined) throw new AtencionError(`${where}: indica 'steps' o 'epochs'.`);
  const maxSteps = config.steps === undefined ? Infinity : checkInt(where, "steps", config.steps, 1);
  const maxEpochs = config.epochs === undefined ? Infinity : checkInt(where, "epochs", config.epochs, 1);
  if (clipNorm !== undefined && !(clipNorm > 0 && Number.isFinite(clipNorm))) {
    throw new AtencionError(`${where}: 'clipNorm' debe ser un número mayor que 0, y es ${describe(clipNorm)}.`);
  }
  if (evalEvery !== undefined) checkInt(where, "evalEvery", evalEvery, 1);
  const params = module?.trainableParameters() ?? config.params ?? [...optimizer.params];
  const wasTraining = module?.training;

  const history: HistoryEntry[] = [];
  const started = performance.now();
  let step = 0;
  let trainMs = 0;
  let tokens = 0;
  const runEvaluation = async (entry: HistoryEntry) => {
    module?.eval();
    entry.eval = await evaluate!(entry.step);
    module?.train();
  };

  try {
    module?.train();
    for (let epoch = 0; epoch < maxEpochs && step < maxSteps; epoch++) {
      const epochStart = step;
      for (const batch of typeof config.batches === "function" ? config.batches(epoch) : config.batches) {
        if (step >= maxSteps) break;
        step++;
        const t0 = performance.now();
        if (schedule !== undefined) optimizer.lr = schedule(step);
        const { lossValue, gradNorm } = trainStep(params, () => loss(batch), optimizer, clipNorm, step);
        trainMs += performance.now() - t0;
        if (tokensPerBatch !== undefined) tokens += tokensPerBatch(batch);

        const entry: HistoryEntry = { step, epoch, loss: lossValue, lr: optimizer.lr, seconds: trainMs / 1000 };
        if (gradNorm !== undefined) entry.gradNorm = gradNorm;
        if (evaluate !== undefined && (step === maxSteps || (evalEvery !== undefined && step % evalEvery === 0))) {
          await runEvaluation(entry);
        }
        history.push(entry);
        if (logEvery !== undefined && step % logEvery === 0) console.log(describeEntry(entry));
        await onProgress?.(entry, history);
        await new Promise((resolve) => setImmediate(resolve)); // let the notebook draw the progress
      }
      if (step === epochStart) {
        throw new AtencionError(
          `${where}: la época ${epoch} no trajo ningún lote. Si 'batches' es un generador, pásalo como una función de la época: (epoch) => …`,
        );
      }
    }
    // Always evaluate after the last step.
    const last = history[history.length - 1];
    if (evaluate !== undefined && last.eval === undefined) {
      await runEvaluation(last);
      await onProgress?.(last, history);
    }
  } finally {
    if (module !== undefined && wasTraining !== undefined) module.train(wasTraining);
  }

  const trainSeconds = trainMs / 1000;
  const result: TrainResult = {
    history,
    steps: step,
    trainSeconds,
    seconds: (performance.now() - started) / 1000,
    stepsPerSecond: step / trainSeconds,
  };
  if (tokensPerBatch !== undefined) Object.assign(result, { tokens, tokensPerSecond: tokens / trainSeconds });
  return result;
}

/** One update; frees every tensor it creates. Returns the loss before the update and the gradient norm. */
function trainStep(
  params: tf.Variable[],
  loss: () => tf.Scalar,
  optimizer: Optimizer,
  clipNorm: number | undefined,
  step: number,
): { lossValue: number; gradNorm?: number } {
  let notScalar: number[] | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const l = loss();
    if (l.rank === 0) return l;
    notScalar = l.shape; // reported below: throwing in here would leave tfjs's gradient tape behind
    return l.sum();
  }, params);
  let clipped: tf.NamedTensorMap | undefined;
  try {
    if (notScalar !== undefined) {
      throw new AtencionError(`train: 'loss' debe devolver un escalar (forma []), y devolvió forma ${formatShape(notScalar)}.`);
    }
    const lossValue = value.dataSync()[0];
    if (!Number.isFinite(lossValue)) {
      throw new AtencionError(`train: la pérdida es ${lossValue} en el paso ${step}. Prueba una tasa de aprendizaje menor o 'clipNorm'.`);
    }
    let gradNorm: number | undefined;
    if (clipNorm !== undefined) ({ grads: clipped, totalNorm: gradNorm } = clipGradNorm(grads, clipNorm));
    optimizer.step(clipped ?? grads);
    return { lossValue, gradNorm };
  } finally {
    tf.dispose([value, ...Object.values(grads), ...Object.values(clipped ?? {})]);
  }
}

/** "paso 100 · época 2 · pérdida 0.1234 · lr 1.0e-3 · eval …", for `logEvery`. */
function describeEntry(e: HistoryEntry): string {
  const evalText = e.eval === undefined ? "" : ` · eval ${JSON.stringify(e.eval)}`;
  return `paso ${e.step} · época ${e.epoch} · pérdida ${e.loss.toFixed(4)} · lr ${e.lr.toExponential(2)}${evalText}`;
}
