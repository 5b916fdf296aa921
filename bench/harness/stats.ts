/**
 * How rounds are run and summarized: a rotating order within each round, medians over
 * rounds, and ratios taken within a round (both sides measured back to back in the same
 * run) before their median is taken, so slow drift of a noisy machine cancels out.
 */

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `numerators[i] / denominators[i]` for each round, then the median of those ratios. */
export function medianRatio(
  numerators: readonly number[],
  denominators: readonly number[]
): number {
  if (numerators.length !== denominators.length) {
    throw new Error(`ratio of ${numerators.length} rounds over ${denominators.length} rounds`);
  }
  return median(numerators.map((value, round) => value / denominators[round]!));
}

/** The list starting at `round` modulo its length: each round runs the items in a new order. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const start = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/** Rounds to `digits` decimals, for reports. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The smallest and largest of a non-empty list. */
export function spread(values: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...values), max: Math.max(...values) };
}
