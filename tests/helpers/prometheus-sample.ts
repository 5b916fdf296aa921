/** Reading a Prometheus text exposition in tests. */

/** The value of the sample `name` whose labels include every pair of `labels`, or undefined. */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string>
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const pairs = new Map([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => pairs.get(key) === value))
      return Number(match[3]);
  }
  return undefined;
}
