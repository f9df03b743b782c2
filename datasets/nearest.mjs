// The nearest-neighbour baseline of the sequence-to-sequence sets: answer with the target of the
// training source that agrees with the input in the most character positions (same length
// preferred). It measures what copying from memory gives, without any rule.

/** A predictor source → target built from training rows { source, target }. */
export function nearestNeighbour(train) {
  const byLength = new Map();
  for (const r of train) {
    const n = [...r.source].length;
    if (!byLength.has(n)) byLength.set(n, []);
    byLength.get(n).push(r);
  }
  return (source) => {
    const chars = [...source];
    const candidates = byLength.get(chars.length) ?? train;
    let best = candidates[0];
    let bestScore = -1;
    for (const r of candidates) {
      const other = [...r.source];
      let score = 0;
      for (let i = 0; i < Math.min(chars.length, other.length); i++) if (chars[i] === other[i]) score++;
      if (score > bestScore) [best, bestScore] = [r, score];
    }
    return best.target;
  };
}
