/** A NoticeList that also tells the host as notices arrive: warnings as warnings, the rest as verbose lines. */
import { NoticeList, type Notice } from '../core/convert/notices.js';
import { boundedLine, excerpt } from '../core/excerpt.js';
import type { JobContext } from './job.js';

export class ForwardingNotices extends NoticeList {
  readonly #context: JobContext;

  constructor(context: JobContext) {
    super();
    this.#context = context;
  }

  override add(raw: Notice): void {
    // Names and messages quote the package: each notice is kept (for the report) and shown bounded and on one line.
    const notice: Notice = { ...raw, objectName: excerpt(raw.objectName, 600), message: boundedLine(raw.message, 2000) };
    super.add(notice);
    const text = `${notice.objectKind} '${notice.objectName}': ${notice.message}`;
    if (notice.severity === 'Warning') this.#context.warning(text, notice.rule);
    else this.#context.verbose(`${notice.severity === 'Error' ? 'Error' : 'Conversion'}: ${text}`);
  }
}

/** A sink that drops what it is given: the second pass recomputes conversions the first pass already reported. */
export const DISCARD = { add(): void {} };
