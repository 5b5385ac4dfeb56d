/**
 * Sample messages, streamed: a generator yields them one at a time in time order, so any number can be written
 * without memory growing. The first messages are the awkward ones (see vocabulary.ts), so even a small sample has
 * every kind; after that, ordinary chat with a sprinkling of special texts, RTF, alerts and very long bodies.
 */
import type { Chat } from '../model.js';
import { ticksFromDate } from '../ticks.js';
import { Prng } from './prng.js';
import { RTF_BODIES, SPECIAL_MESSAGES, WORDS } from './vocabulary.js';

export type SampleChat = Omit<Chat, 'chatId'>;

export interface MessagePlan {
  readonly rooms: readonly number[];
  readonly posters: readonly number[];
  readonly count: number;
  readonly seed: number;
  readonly from: Date;
  readonly to: Date;
}

function longBody(rng: Prng): string {
  const parts: string[] = [];
  const target = 20000 + rng.int(40000);
  let length = 0;
  while (length < target) {
    const word = rng.pick(WORDS);
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

function sentence(rng: Prng): string {
  const n = 4 + rng.int(16);
  let text = rng.pick(WORDS);
  for (let i = 1; i < n; i++) text += ' ' + rng.pick(WORDS);
  if (rng.chance(0.05)) text += ' 🙂';
  return text.charAt(0).toUpperCase() + text.slice(1) + (rng.chance(0.3) ? '?' : '.');
}

export function* generateChats(plan: MessagePlan): Generator<SampleChat> {
  const rng = new Prng(plan.seed ^ 0x5bd1e995);
  const start = ticksFromDate(plan.from);
  const span = ticksFromDate(plan.to) - start;
  const step = plan.count > 0 ? span / BigInt(plan.count) : 0n;
  const stepNumber = Number(step);
  for (let i = 0; i < plan.count; i++) {
    // Skewed toward the first rooms, so some rooms are busy and some quiet; times only move forward.
    const room = plan.rooms[Math.floor(plan.rooms.length * rng.next() ** 2)]!;
    const date = start + step * BigInt(i) + BigInt(Math.floor(rng.next() * stepNumber));
    let content: string;
    if (i < SPECIAL_MESSAGES.length) content = SPECIAL_MESSAGES[i]!;
    else if (i === SPECIAL_MESSAGES.length || rng.chance(0.001)) content = longBody(rng);
    else if (rng.chance(0.01)) content = rng.pick(SPECIAL_MESSAGES);
    else content = sentence(rng);
    yield {
      roomId: room,
      date,
      userId: plan.posters[i < SPECIAL_MESSAGES.length ? i % plan.posters.length : rng.int(plan.posters.length)]!,
      isAlert: rng.chance(0.01),
      content,
      rtf: rng.chance(0.04) ? rng.pick(RTF_BODIES) : null,
    };
  }
}
