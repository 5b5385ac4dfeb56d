/** -Filter's wildcard patterns, as PowerShell's WildcardPattern reads them. */
import assert from 'node:assert/strict';
import { ParameterValueError } from '../../core/errors.js';
import { hasWildcard, wildcardMatcher } from '../../core/identity/wildcard.js';

describe('wildcard patterns (-Filter)', () => {
  it('matches *, ? and [sets] case-insensitively, and everything else literally', () => {
    const cases: [string, string, boolean][] = [
      ['*.litwareinc.com', 'atl-pc-001.LitwareInc.com', true],
      ['*.litwareinc.com', 'atl-pc-001.litwareinc.org', false],
      ['atl-pc-00?.*', 'atl-pc-007.x', true],
      ['atl-pc-00?.*', 'atl-pc-0077.x', false],
      ['site:[a-c]*', 'site:Boston', true],
      ['site:[a-c]*', 'site:Dublin', false],
      ['a.b', 'aXb', false],
      ['(x)+$', '(x)+$', true],
      ['global', 'Global', true],
      ['`*', '*', true],
      ['`*', 'a', false],
      ['\\\\srv\\*', '\\\\srv\\share', true],
    ];
    for (const [pattern, value, expected] of cases) assert.equal(wildcardMatcher(pattern)(value), expected, `${pattern} ~ ${value}`);
  });

  it('refuses an unclosed [ naming the parameter and how to match it literally', () => {
    assert.throws(() => wildcardMatcher('site:[abc', 'Filter'), (e: unknown) => e instanceof ParameterValueError && /-Filter 'site:\[abc'.*`\[/.test(e.message));
  });

  it('tells a pattern from a plain name', () => {
    assert.equal(hasWildcard('atl-*'), true);
    assert.equal(hasWildcard('a`*b'), false);
    assert.equal(hasWildcard('plain.name'), false);
  });
});
