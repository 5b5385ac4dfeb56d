/**
 * PowerShell's wildcard patterns, as -Filter takes them (System.Management.Automation.WildcardPattern): `*` any run,
 * `?` one character, `[abc]` / `[a-z]` a set or range, the backtick escapes the next character; case-insensitive.
 * Compiled to a RegExp once per pattern; the pattern's own text never reaches the RegExp unescaped.
 */
import { ParameterValueError } from '../errors.js';

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export function wildcardMatcher(pattern: string, parameter = 'Filter'): (value: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '`' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        throw new ParameterValueError(`-${parameter} '${pattern}' is not a valid wildcard pattern: the '[' at position ${i + 1} has no closing ']'. Escape it as \`[ to match it literally.`, parameter);
      }
      const body = pattern.slice(i + 1, end);
      source += '[' + body.replace(/[\\^\]]/g, '\\$&').replace(/\[/g, '\\[') + ']';
      i = end;
    } else source += escapeRegExp(c);
  }
  const expression = new RegExp(`^${source}$`, 'iu');
  return (value) => expression.test(value);
}

export function hasWildcard(text: string): boolean {
  return /[*?[]/.test(text.replace(/`./g, ''));
}
