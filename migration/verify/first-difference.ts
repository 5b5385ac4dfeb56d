/**
 * Where two rooms' messages part: both read in chatId order, side by side, batch by batch (never a whole room),
 * until the first message that differs in date, poster, alert flag, content or rtf, or until one side ends. Run
 * only for rooms whose digests differ, to name the message in the report.
 */
import type { Chat } from '../../core/model.js';
import { dateFromTicks, type Ticks } from '../../core/ticks.js';
import type { StoreReader } from '../../store/store.js';
import type { PosterMap } from './message-digest.js';

async function* flat(batches: AsyncIterable<Chat[]>): AsyncGenerator<Chat> {
  for await (const batch of batches) yield* batch;
}

const when = (ticks: Ticks): string => dateFromTicks(ticks).toISOString();

export async function firstDifference(source: StoreReader, sourceRoom: number, target: StoreReader, targetRoom: number, since: Ticks | undefined, poster: PosterMap): Promise<string> {
  const a = flat(source.chats(sourceRoom, since));
  const b = flat(target.chats(targetRoom, since));
  try {
    for (let position = 1; ; position++) {
      const [x, y] = await Promise.all([a.next(), b.next()]);
      if (x.done && y.done) return 'The messages are the same.';
      if (x.done) return `The target has more messages: the first one the source lacks is #${position} (chatId ${y.value!.chatId}, ${when(y.value!.date)}).`;
      if (y.done) return `The target lacks messages from #${position} on (source chatId ${x.value.chatId}, ${when(x.value.date)}).`;
      const s = x.value;
      const t = y.value;
      const fields: string[] = [];
      if (s.date !== t.date) fields.push(`date ${when(s.date)} / ${when(t.date)}`);
      if (poster(s.userId) !== t.userId) fields.push('poster');
      if (s.isAlert !== t.isAlert) fields.push('alert flag');
      if (s.content !== t.content) fields.push(`content (${s.content.length} / ${t.content.length} characters)`);
      if (s.rtf !== t.rtf) fields.push('rtf');
      if (fields.length > 0) return `Message #${position} differs (source chatId ${s.chatId}, target chatId ${t.chatId}): ${fields.join(', ')}.`;
    }
  } finally {
    await a.return(undefined);
    await b.return(undefined);
  }
}
