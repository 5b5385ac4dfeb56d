/**
 * A short, escaped excerpt of text that came from outside (a package's names and values), for messages, logs and
 * reports: control characters, line and paragraph separators and bidirectional overrides are shown as escapes (so a
 * CR/LF in a name cannot forge a console or log line), and the length is capped, saying how long the text was (so a
 * 50 MB attribute costs a line, not 50 MB of output per mention).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  switch (c) {
    case '\r':
      return '\\r';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\\':
      return '\\\\';
    default: {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}

/** At most `max` characters of `text` (escapes included), escaped; longer text ends with "…" and its length. */
export function excerpt(text: string, max = 80): string {
  // Only the head is ever looked at: the cost does not grow with the text.
  const head = text.slice(0, max + 1).replace(UNSAFE, escapeChar);
  if (head.length <= max && text.length <= max) return head;
  return `${head.slice(0, max)}… (${text.length} characters)`;
}

/** A whole message made safe for one console or log line: escaped as above, capped at `max` characters. */
export function boundedLine(message: string, max = 4000): string {
  const head = message.slice(0, max + 1).replace(/[\r\n\u2028\u2029\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, escapeChar);
  if (head.length <= max && message.length <= max) return head;
  return `${head.slice(0, max)}… (message cut at ${max} of ${message.length} characters)`;
}
