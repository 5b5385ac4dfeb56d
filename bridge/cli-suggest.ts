/**
 * "Did you mean": the nearest names to a misspelt one, by edit distance (Damerau-Levenshtein, case-insensitive) against
 * each whole name and against the name's start as long as what was typed (a shortened name with a typo, -FileNm).
 */

/** Edits (insert, delete, substitute, swap two neighbours: the usual typos) from a to b. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidates closest to `typed`: those at the smallest distance, when that distance is small for the length
 * typed (one edit up to 5 letters, then one more per 3 letters, at most 3). Each candidate may have aliases; the
 * candidate's own name is returned.
 */
export function nearestNames(typed: string, candidates: ReadonlyArray<{ readonly name: string; readonly aliases?: readonly string[] | undefined }>): string[] {
  const wanted = typed.toLowerCase();
  if (wanted.length === 0) return [];
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
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
