/** Edit distance, for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The `limit` names closest to `query`; names sharing its first word rank before others at equal distance. */
export function closestNames(query: string, names: Iterable<string>, limit = 5): string[] {
  const head = query.split('-')[0] ?? '';
  const scored = [...new Set(names)].map((name) => ({
    name,
    score: editDistance(query, name) - (head && name.startsWith(head) ? 0.5 : 0),
  }));
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}
