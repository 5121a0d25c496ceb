import {
  ENDINGS,
  FOLLOW_UPS,
  GREETINGS,
  NEEDS,
  NEGOTIATIONS,
  OPENER_REPLIES,
  OPENERS,
  QUESTIONS,
  QUOTES,
  SCHEDULING,
  fill,
  type Exchange,
} from "./content";
import { TIME, type Random } from "./random";

export type Direction = "inbound" | "outbound";
export type Outcome = keyof typeof ENDINGS;

export interface ChatTimeline {
  directions: Direction[];
  times: Date[];
  lastInboundAt: Date;
}

/**
 * When each message of a chat was sent. Messages alternate; the customer's last message is
 * placed first (inside or outside Meta's 24-hour window, as asked) and the rest around it.
 */
export function chatTimeline(
  r: Random,
  opts: { now: Date; length: number; startsInbound: boolean; windowOpen: boolean },
): ChatTimeline {
  const { now, length, startsInbound } = opts;
  const directions = Array.from({ length }, (_, i): Direction => ((i % 2 === 0) === startsInbound ? "inbound" : "outbound"));
  const lastInbound = directions.lastIndexOf("inbound");
  const sinceLastInbound = opts.windowOpen
    ? r.between(10 * TIME.MINUTE, 23 * TIME.HOUR)
    : r.between(25 * TIME.HOUR, 28 * TIME.DAY);
  const ms: number[] = new Array<number>(length);
  ms[lastInbound] = now.getTime() - sinceLastInbound;
  for (let i = lastInbound - 1; i >= 0; i--) {
    // A seller answers within minutes; a customer may take the rest of the day.
    const gap = directions[i] === "inbound" ? r.between(TIME.MINUTE, 45 * TIME.MINUTE) : r.between(5 * TIME.MINUTE, 20 * TIME.HOUR);
    ms[i] = ms[i + 1]! - gap;
  }
  if (lastInbound < length - 1) {
    ms[length - 1] = ms[lastInbound]! + Math.min(r.between(TIME.MINUTE, 45 * TIME.MINUTE), sinceLastInbound / 2);
  }
  const times = ms.map((t) => new Date(Math.round(t)));
  return { directions, times, lastInboundAt: times[lastInbound]! };
}

const MIDDLE_STAGES: readonly (readonly Exchange[])[] = [NEEDS, QUESTIONS, QUOTES, NEGOTIATIONS, SCHEDULING, FOLLOW_UPS];

/**
 * The words of a chat, following a sales conversation in order: greeting, needs, questions,
 * quote, negotiation, scheduling, follow-up and, for a closed conversation, how it ended.
 */
export function chatTexts(
  r: Random,
  opts: { directions: Direction[]; outcome: Outcome | null; values: Record<string, string | number> },
): string[] {
  const { directions, outcome } = opts;
  const startsInbound = directions[0] === "inbound";
  const exchangeCount = Math.ceil((directions.length - (startsInbound ? 0 : 1)) / 2);
  const ending = outcome && exchangeCount >= 2 ? r.pick(ENDINGS[outcome]) : null;
  const middleCount = exchangeCount - 1 - (ending ? 1 : 0);

  const exchanges: Exchange[] = [r.pick(startsInbound ? GREETINGS : OPENER_REPLIES)];
  exchanges.push(...middleExchanges(r, middleCount));
  if (ending) exchanges.push(ending);

  const lines = exchanges.flatMap((exchange) => [...exchange]);
  if (!startsInbound) lines.unshift(r.pick(OPENERS));
  return lines.slice(0, directions.length).map((line) => fill(line, opts.values));
}

function middleExchanges(r: Random, count: number): Exchange[] {
  if (count <= 0) return [];
  // Stages stay in sales order; a chat longer than all of them ends with one more question.
  const keep = new Set(r.shuffle(MIDDLE_STAGES.map((_, i) => i)).slice(0, count));
  const picked = MIDDLE_STAGES.filter((_, i) => keep.has(i)).map((pool) => r.pick(pool));
  const spare = r.shuffle(QUESTIONS.filter((exchange) => !picked.includes(exchange)));
  return [...picked, ...spare.slice(0, count - picked.length)];
}
