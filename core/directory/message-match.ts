/**
 * Remove-CsPersistentChatMessage's keyword rule (domain.md §3.3.6, §8 item 5): -Filter is keywords separated by
 * blanks, and -MatchClause says how they must occur in a message's text (tblChat.content):
 *   - And (Microsoft's text calls it All; both are accepted): every keyword, in any order. The default.
 *   - Or: at least one keyword.
 *   - Exact: the keywords as one phrase, in their order, separated by any run of blanks.
 * A keyword matches anywhere in the text, inside a word too ("Fab" matches "Fabrikam"). Matching is case-insensitive
 * unless -CaseSensitive $true. Text is compared as written, never as a pattern: no character of a keyword or message
 * means anything, and no regular expression is ever built from either, so hostile text costs time linear in its length.
 */
import { ParameterCombinationError } from '../errors.js';
import { excerpt } from '../excerpt.js';

/** The values -MatchClause accepts: Microsoft's enum (And, Or, Exact) and the text's All, which means And. */
export const MATCH_CLAUSES = ['And', 'Or', 'Exact', 'All'] as const;
export type MatchClause = (typeof MATCH_CLAUSES)[number];

export interface KeywordRule {
  /** -Filter as given. */
  readonly filter: string;
  /** Default And. */
  readonly matchClause?: MatchClause | undefined;
  /** Default false. */
  readonly caseSensitive?: boolean | undefined;
}

/** Any run of white space (Unicode's, the no-break space included) separates keywords, and phrase words under Exact. */
const BLANKS = /\s+/gu;

/**
 * The text as it is compared: canonically composed (NFC, so "é" typed as one character matches "e" plus a combining
 * accent), and for a case-insensitive rule upper-cased, Unicode's full mapping: "straße" matches "STRASSE", and a
 * final sigma matches a medial one.
 */
function folder(caseSensitive: boolean): (text: string) => string {
  return caseSensitive ? (text) => text.normalize('NFC') : (text) => text.normalize('NFC').toUpperCase();
}

/** The keywords of a -Filter, in order; refuses a filter with none. */
export function keywordsOf(filter: string): string[] {
  const words = filter.split(BLANKS).filter((w) => w !== '');
  if (words.length === 0) {
    throw new ParameterCombinationError(
      `-Filter '${excerpt(filter)}' has no keyword. Give one or more words separated by blanks, for example -Filter "Fabrikam Contoso", or leave -Filter out.`,
      'FilterWithoutKeyword',
      'Filter',
    );
  }
  return words;
}

/** A test of one message's text against the rule; the keywords are parsed (and refused) once, here. */
export function keywordMatcher(rule: KeywordRule): (content: string) => boolean {
  const fold = folder(rule.caseSensitive ?? false);
  const keywords = keywordsOf(rule.filter).map(fold);
  switch (rule.matchClause ?? 'And') {
    case 'And':
    case 'All':
      return (content) => {
        const text = fold(content);
        return keywords.every((k) => text.includes(k));
      };
    case 'Or':
      return (content) => {
        const text = fold(content);
        return keywords.some((k) => text.includes(k));
      };
    case 'Exact': {
      const phrase = keywords.join(' ');
      return (content) => fold(content).replace(BLANKS, ' ').includes(phrase);
    }
  }
}
