// Edit distances and candidate strings for typo-tolerant search. Pure functions: the database
// supplies a vocabulary (search_terms) and each term's one-letter deletions; these decide which
// candidates are really close enough.

/**
 * Optimal string alignment distance: insertions, deletions, replacements and swaps of two
 * adjacent letters each cost one ("mubmai" → "mumbai" is 1, where Levenshtein says 2).
 * Stops early and returns max + 1 once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/** Distance from what has been typed so far to the closest start of `term` ("mubm" → "mumbai" is 1). */
export function prefixDistance(typed: string, term: string, max = 1): number {
  const n = [...typed].length;
  const letters = [...term];
  let best = max + 1;
  for (let k = Math.max(1, n - max); k <= Math.min(letters.length, n + max); k++) {
    best = Math.min(best, editDistance(typed, letters.slice(0, k).join(""), max));
    if (best === 0) break;
  }
  return best;
}

/**
 * How many edits a word of this length may carry and still be corrected. Short words are
 * mostly right or mean something else ("war" is not "car"); three letters allow a swap only.
 */
export function allowedEdits(word: string): number {
  const n = [...word].length;
  if (n < 3) return 0;
  if (n < 8) return 1;
  return 2;
}

/**
 * Whether `term` is a fair reading of `word` at this distance. A three-letter word is read as
 * a swap ("wra" → "war") or a dropped letter ("bat" → "baat"), not as a replaced one ("car" is
 * not "war").
 */
export function acceptable(word: string, term: string, distance: number): boolean {
  if (distance > allowedEdits(word)) return false;
  if ([...word].length === 3 && distance === 1) {
    const swap = [...term].length === 3 && [...word].sort().join("") === [...term].sort().join("");
    return swap || [...term].length === 4;
  }
  return true;
}

/** Every string with one letter removed, distinct ("mumbai" → "umbai", "mbai", "mubai", …). */
export function deletions(word: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  for (let i = 0; i < letters.length; i++) out.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(""));
  return [...out];
}

/** Ways to split a run-together word into two words of at least two letters ("kaalchakra"). */
export function splits(word: string): [string, string][] {
  const letters = [...word];
  const out: [string, string][] = [];
  for (let i = 2; i <= letters.length - 2; i++) out.push([letters.slice(0, i).join(""), letters.slice(i).join("")]);
  return out;
}
