/**
 * "Did you mean": the nearest names to a misspelt one, by edit distance (Levenshtein, case-insensitive) against
 * each whole name and against the name's start as long as what was typed (a shortened name with a typo, -FileNm).
 */

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates closest to `typed`: those at the smallest distance, when that distance is small for the length
 * typed (one edit up to 4 letters, then one more per 4 letters, at most 3). Each candidate may have aliases; the
 * candidate's own name is returned.
 */
export function nearestNames(typed: string, candidates: ReadonlyArray<{ readonly name: string; readonly aliases?: readonly string[] | undefined }>): string[] {
  const wanted = typed.toLowerCase();
  if (wanted.length === 0) return [];
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 4)));
  let best = Number.POSITIVE_INFINITY;
  let names: string[] = [];
  for (const candidate of candidates) {
    let score = Number.POSITIVE_INFINITY;
    for (const spelling of [candidate.name, ...(candidate.aliases ?? [])].map((s) => s.toLowerCase())) {
      score = Math.min(score, editDistance(wanted, spelling));
      // A prefix counts only when it is long enough to say something (not -a for anything starting with a).
      if (wanted.length >= 3 && spelling.length > wanted.length) score = Math.min(score, editDistance(wanted, spelling.slice(0, wanted.length)));
    }
    if (score > limit) continue;
    if (score < best) {
      best = score;
      names = [candidate.name];
    } else if (score === best && !names.includes(candidate.name)) names.push(candidate.name);
  }
  return names;
}

/** ` Did you mean -A or -B?` or ''. */
export function didYouMean(names: readonly string[], prefix = ''): string {
  if (names.length === 0) return '';
  const listed = names.map((n) => `${prefix}${n}`);
  const text = listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)!}`;
  return ` Did you mean ${text}?`;
}
