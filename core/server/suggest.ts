/**
 * "Did you mean" for names a person typed (config sections and options, environment
 * variables): the closest known name by edit distance (leven), when it is close enough to
 * be a typo rather than a different word.
 */
import leven from 'leven';

/** The known name closest to `typed`, or undefined when none is within a typo's reach. */
export function closestName(typed: string, known: Iterable<string>): string | undefined {
  const word = typed.toLowerCase();
  // A third of the word, at least two edits (a swap of two letters is two: "prot" -> "port"),
  // and never the whole word.
  const reach = Math.min(Math.max(2, Math.ceil(word.length / 3)), word.length - 1);
  let best: string | undefined;
  let bestDistance = reach + 1;
  for (const name of known) {
    const distance = leven(word, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
