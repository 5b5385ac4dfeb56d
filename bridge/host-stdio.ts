/**
 * The host's two pipes: request lines in from stdin, record lines out to stdout with back-pressure. Kept apart from
 * host.ts so that the request loop reads as the protocol, not as stream plumbing.
 */
import { createInterface } from 'node:readline';

export interface ReadLinesOptions {
  /** Sees each line as it arrives, before the queue; returning true consumes it (a Stop for the running request). */
  readonly intercept?: (line: string) => boolean;
  /** Called once when the input ends, while earlier lines may still be queued. */
  readonly onEnd?: () => void;
}

/** The non-blank lines of a UTF-8 stream (CRLF or LF, a BOM dropped), queued while the consumer is busy. */
export async function* readLines(input: NodeJS.ReadableStream, options: ReadLinesOptions = {}): AsyncGenerator<string> {
  const queue: string[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  lines.on('line', (raw: string) => {
    const line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '' || options.intercept?.(line)) return;
    queue.push(line);
    wake?.();
  });
  lines.on('close', () => {
    ended = true;
    options.onEnd?.();
    wake?.();
  });
  while (true) {
    const line = queue.shift();
    if (line !== undefined) {
      yield line;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

/** Writes one record per line; write() resolves when the pipe can take more, so a slow reader holds the cmdlet back. */
export class RecordWriter {
  /** Called once when the reader has gone (EPIPE, closed pipe); later writes are dropped. */
  onClosed: (() => void) | undefined;
  readonly #stream: NodeJS.WritableStream;
  #closed = false;

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
    const close = (): void => {
      if (this.#closed) return;
      this.#closed = true;
      this.onClosed?.();
    };
    stream.on('error', close);
    stream.on('close', close);
  }

  write(line: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#stream.write(`${line}\n`)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.#stream.off('drain', done);
        this.#stream.off('close', done);
        this.#stream.off('error', done);
        resolve();
      };
      this.#stream.on('drain', done);
      this.#stream.on('close', done);
      this.#stream.on('error', done);
    });
  }
}
