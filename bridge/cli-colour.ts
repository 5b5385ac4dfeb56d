/**
 * Colours on a terminal, as PowerShell 7's $PSStyle draws them by default (errors red, warnings and verbose lines
 * yellow, table headers and list labels green), and only there: never when the stream is redirected (a file, a
 * pipe, JSON for a script), never when NO_COLOR is set to anything but an empty string (https://no-color.org), and
 * not on TERM=dumb.
 */

export type Style = 'error' | 'warning' | 'verbose' | 'header';

// $PSStyle.Formatting's defaults: Error, Warning, Verbose, TableHeader / FormatAccent.
const CODES: Record<Style, string> = {
  error: '\u001B[31;1m',
  warning: '\u001B[33;1m',
  verbose: '\u001B[33;1m',
  header: '\u001B[32;1m',
};
const RESET = '\u001B[0m';

/** Whether text for this stream may carry colour. */
export function colourEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (stream.isTTY !== true) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

/** Paints text (one line or several: each line is painted, so a wrapped terminal line keeps its colour). */
export type Painter = (style: Style, text: string) => string;

export function painter(enabled: boolean): Painter {
  if (!enabled) return (_style, text) => text;
  return (style, text) =>
    text
      .split('\n')
      .map((line) => (line === '' ? line : `${CODES[style]}${line}${RESET}`))
      .join('\n');
}

export const plain: Painter = painter(false);
