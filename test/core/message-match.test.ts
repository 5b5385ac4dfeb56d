/**
 * Remove-CsPersistentChatMessage's selection rules as pure functions: -Filter keywords under each -MatchClause and
 * -CaseSensitive (hostile text included: pattern characters, Unicode case and composition, very long messages), the
 * inclusive dates with a date alone covering its whole day, and the refusals (no selector, an end before the start,
 * a filter without keywords, -Remove with -ReplaceMessage, an empty replacement).
 */
import assert from 'node:assert/strict';
import { PcmError } from '../../core/errors.js';
import { keywordMatcher, keywordsOf, type MatchClause } from '../../core/directory/message-match.js';
import { DEFAULT_REPLACEMENT, endTicks, messageAction, messageSelection, startTicks } from '../../core/directory/message-selection.js';
import type { Chat } from '../../core/model.js';
import { MAX_TICKS, ticksFromDate } from '../../core/ticks.js';

const matches = (filter: string, content: string, matchClause?: MatchClause, caseSensitive?: boolean): boolean => keywordMatcher({ filter, matchClause, caseSensitive })(content);

const refused = (fn: () => unknown, errorId: string, message: RegExp): void => {
  assert.throws(fn, (e: unknown) => e instanceof PcmError && e.errorId === errorId && message.test(e.message));
};

describe('message selection: -Filter keywords (core/directory/message-match.ts)', () => {
  it('And (the default, also spelled All) needs every keyword, in any order, anywhere in the text', () => {
    const text = 'Contoso signed with Fabrikam; TailspinToys next.';
    for (const clause of [undefined, 'And', 'All'] as const) {
      assert.equal(matches('Fabrikam Contoso TailspinToys', text, clause), true, String(clause));
      assert.equal(matches('Fabrikam Contoso Northwind', text, clause), false, String(clause));
    }
    assert.equal(matches('Fab', 'Fabrikam'), true, 'inside a word');
    assert.equal(matches('  Fabrikam \t\n Contoso  ', text), true, 'any blanks separate keywords');
  });

  it('Or needs one keyword; Exact the whole phrase in its order, across any run of blanks', () => {
    assert.equal(matches('Northwind Fabrikam', 'about Fabrikam', 'Or'), true);
    assert.equal(matches('Northwind Litware', 'about Fabrikam', 'Or'), false);
    const phrase = 'For internal use only';
    assert.equal(matches(phrase, 'Note: for internal use only!', 'Exact'), true);
    assert.equal(matches(phrase, 'For internal\r\n use\u00a0 only', 'Exact'), true, 'line breaks and no-break spaces are blanks');
    assert.equal(matches(phrase, 'For use internal only', 'Exact'), false, 'word order counts');
    assert.equal(matches(phrase, 'For internal use', 'Exact'), false);
    assert.equal(matches(phrase, 'For use internal only', 'And'), true, 'And ignores the order');
  });

  it('is case-insensitive unless -CaseSensitive $true, over all of Unicode', () => {
    assert.equal(matches('fabrikam', 'FABRIKAM'), true);
    assert.equal(matches('fabrikam', 'FABRIKAM', 'And', true), false);
    assert.equal(matches('Fabrikam', 'Fabrikam', 'And', true), true);
    assert.equal(matches('ÉTÉ', 'un été chaud'), true);
    assert.equal(matches('straße', 'STRASSE'), true, 'ß upper-cases to SS');
    assert.equal(matches('ΟΔΟΣ', 'η οδος'), true, 'final sigma');
    assert.equal(matches('οδοσ', 'η οδος'), true, 'final and medial sigma are one letter');
    assert.equal(matches('ﬁle', 'FILE'), true, 'a ligature upper-cases to its letters');
    assert.equal(matches('été', 'e\u0301te\u0301'), true, 'composed and decomposed accents are the same text');
    assert.equal(matches('été', 'e\u0301te\u0301', 'And', true), true, 'canonical composition also when case counts');
    assert.equal(matches('été', 'ete'), false, 'accents still count');
  });

  it('takes pattern characters literally: no keyword is a regular expression or a wildcard', () => {
    const hostile = ['.*', '(a+)+$', '[abc]', '\\d', '^', '$', '|', '?', '*', '%', '_', "'; DROP TABLE tblChat; --", '\\', '${x}', '\u0000'];
    for (const keyword of hostile) {
      assert.equal(matches(keyword, `before ${keyword} after`), true, `${keyword} matches itself`);
      assert.equal(matches(keyword, 'plain words only'), false, `${keyword} matches nothing else`);
    }
    assert.equal(matches('a.c', 'abc'), false);
    assert.equal(matches('(a+)+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', 'Exact'), false);
  });

  it('checks a very long message in time linear in its length', () => {
    const long = 'a'.repeat(5_000_000) + ' needle ' + 'b'.repeat(5_000_000);
    const started = Date.now();
    assert.equal(matches('needle', long), true);
    assert.equal(matches('needle haystack', long, 'Or'), true);
    assert.equal(matches('aaa needle bbb', long, 'Exact'), true);
    assert.equal(matches('aaaa! missing', long, 'And'), false);
    // Catastrophic backtracking or a quadratic scan would take minutes; four linear passes take well under a second each.
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    assert.equal(matches('\uD800', 'lone \uD800 surrogate'), true, 'text that is not well-formed UTF-16 is still compared');
  });

  it('refuses a filter without keywords, naming it', () => {
    refused(() => keywordsOf('  \t '), 'FilterWithoutKeyword', /-Filter ' {2}\\t ' has no keyword/);
    refused(() => keywordMatcher({ filter: '' }), 'FilterWithoutKeyword', /has no keyword/);
    assert.deepEqual(keywordsOf(' a  b\u3000c '), ['a', 'b', 'c']);
  });
});

describe('message selection: dates, selectors and actions (core/directory/message-selection.ts)', () => {
  const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date => new Date(y, mo - 1, d, h, mi, s, ms);
  const chat = (date: Date | bigint, extra: Partial<Chat> = {}): Chat => ({
    roomId: 1,
    chatId: 1n,
    date: typeof date === 'bigint' ? date : ticksFromDate(date),
    userId: 7,
    isAlert: false,
    content: 'hello',
    rtf: null,
    ...extra,
  });

  it('a date alone ends at the last tick of its day; a date and time is exact', () => {
    const day = local(2018, 3, 1);
    const nextDay = ticksFromDate(local(2018, 3, 2));
    assert.equal(endTicks(day), nextDay - 1n);
    assert.equal(startTicks(day), ticksFromDate(day));
    const noon = local(2018, 3, 1, 12, 0, 0, 1);
    assert.equal(endTicks(noon), ticksFromDate(noon));
    // Years before 100 stay themselves (JavaScript's Date constructor would make them 19xx).
    const ancient = local(2000, 1, 1);
    ancient.setFullYear(50, 0, 1);
    const ancientNext = local(2000, 1, 2);
    ancientNext.setFullYear(50, 0, 2);
    assert.equal(endTicks(ancient), ticksFromDate(ancientNext) - 1n);
    // The last day .NET can hold ends at DateTime.MaxValue, not beyond it.
    assert.equal(endTicks(local(9999, 12, 31)), MAX_TICKS);
  });

  it('selects on or after the start and on or before the end, inclusive, and by poster', () => {
    const end = local(2012, 4, 1, 15, 30);
    const start = local(2012, 3, 1);
    const s = messageSelection({ startDate: start, endDate: end }, 'r');
    assert.equal(s.since, ticksFromDate(start));
    assert.equal(s.test(chat(end)), true, 'exactly at the end');
    assert.equal(s.test(chat(ticksFromDate(end) + 1n)), false, 'one tick after the end');
    assert.equal(s.test(chat(start)), true, 'exactly at the start');
    assert.equal(s.test(chat(ticksFromDate(start) - 1n)), false, 'one tick before the start');
    const sameDay = messageSelection({ startDate: local(2012, 4, 1), endDate: local(2012, 4, 1) }, 'r');
    assert.equal(sameDay.test(chat(local(2012, 4, 1, 23, 59, 59, 999))), true, 'start and end on the same date: that whole day');
    assert.equal(sameDay.test(chat(local(2012, 4, 2))), false);
    const byPoster = messageSelection({ byPoster: true, filter: 'HELLO' }, 'r');
    assert.equal(byPoster.test(chat(end), 7), true);
    assert.equal(byPoster.test(chat(end), 8), false);
    assert.equal(byPoster.test(chat(end)), false, 'a poster not resolved selects nothing');
    assert.equal(byPoster.test(chat(end, { content: 'bye' }), 7), false, 'every selector must hold');
  });

  it('refuses no selector, an end before the start and a bad filter, naming the room or the dates', () => {
    refused(() => messageSelection({}, 'atl-pc-001.litwareinc.com\\Room 0004'), 'NoMessageSelector', /names no messages of the room atl-pc-001\.litwareinc\.com\\Room 0004: give -UserUri, -StartDate, -EndDate or -Filter/);
    refused(() => messageSelection({ matchClause: 'Or', caseSensitive: true }, 'r'), 'NoMessageSelector', /Clear-CsPersistentChatRoom/);
    refused(() => messageSelection({ startDate: local(2012, 4, 2), endDate: local(2012, 4, 1) }, 'r'), 'EndDateBeforeStartDate', /-EndDate 2012-04-01 is before -StartDate 2012-04-02.*Swap them/);
    refused(() => messageSelection({ filter: ' ' }, 'r'), 'FilterWithoutKeyword', /no keyword/);
  });

  it('removes with -Remove, replaces with -ReplaceMessage or Microsoft\'s default text, and refuses both or an empty text', () => {
    assert.deepEqual(messageAction(true, undefined), { kind: 'remove' });
    assert.deepEqual(messageAction(undefined, 'Moved to the wiki.'), { kind: 'replace', text: 'Moved to the wiki.' });
    assert.deepEqual(messageAction(undefined, undefined), { kind: 'replace', text: 'This message was replaced by the Persistent Chat administrator.' });
    assert.deepEqual(messageAction(false, undefined), { kind: 'replace', text: DEFAULT_REPLACEMENT }, '-Remove:$false is the default');
    refused(() => messageAction(true, 'x'), 'RemoveWithReplaceMessage', /-Remove and -ReplaceMessage cannot be used together/);
    refused(() => messageAction(undefined, ' \r\n'), 'EmptyReplaceMessage', /-ReplaceMessage is empty.*-Remove/);
  });
});
