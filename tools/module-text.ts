/**
 * Small text helpers for writing PowerShell source from TypeScript (tools/module-proxy.ts, tools/module-manifest.ts),
 * so that no declaration text can break out of a string literal or a comment-based help block.
 */

/** A single-quoted PowerShell string. PowerShell also treats the typographic single quotes as quotes: double them too. */
export function psString(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** `@('a', 'b')`, or `@()`. */
export function psArray(values: readonly string[]): string {
  return `@(${values.map(psString).join(', ')})`;
}

/**
 * Text for a comment-based help block, indented: `#>` would end the block and a line starting with `.WORD` would be
 * read as a help keyword, so both are refused (reword the declaration) rather than silently changed.
 */
export function helpText(text: string, indent: string, where: string): string[] {
  if (text.includes('#>')) throw new Error(`${where}: '#>' cannot appear in comment-based help`);
  return text.split(/\r?\n/).map((line) => {
    if (/^\s*\.[A-Za-z]/.test(line)) throw new Error(`${where}: a help line cannot start with '.' (${line.trim().slice(0, 30)})`);
    return line.trim() === '' ? '' : `${indent}${line.trimEnd()}`;
  });
}

/** File bytes as the module's files must be: ASCII as it is, anything else as UTF-8 with a BOM (Windows PowerShell 5.1). */
export function moduleFileBytes(text: string): Buffer {
  const lf = text.replace(/\r\n/g, '\n');
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(lf) ? Buffer.from(lf, 'ascii') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf, 'utf8')]);
}
