import type { LedgerEntry, LedgerKind, LedgerUnit } from "./effects";
import type { Millis } from "./events";

/** Column code of each kind; the order is the code. */
export const LEDGER_KINDS: readonly LedgerKind[] = ["earn", "redeem", "expire", "adjust"];
export const EARN = 0;
export const REDEEM = 1;
export const EXPIRE = 2;
export const ADJUST = 3;
export type KindCode = typeof EARN | typeof REDEEM | typeof EXPIRE | typeof ADJUST;

// Entries per chunk: big enough that each chunk's arrays are allocated as large objects, which
// collections never copy; the columns grow by adding chunks, never by reallocating and copying.
const CHUNK = 32_768;

interface Chunk {
  readonly kind: Uint8Array;
  readonly amount: Float64Array;
  readonly at: Float64Array;
  // Earn only; NaN stands for a null expiry.
  readonly availableAt: Float64Array;
  readonly expiresAt: Float64Array;
  readonly customerId: string[];
  readonly lotId: string[];
  readonly ref: string[];
  readonly orderId: (string | null)[];
  readonly reason: string[];
}

const newChunk = (): Chunk => ({
  kind: new Uint8Array(CHUNK),
  amount: new Float64Array(CHUNK),
  at: new Float64Array(CHUNK),
  availableAt: new Float64Array(CHUNK),
  expiresAt: new Float64Array(CHUNK),
  customerId: new Array<string>(CHUNK),
  lotId: new Array<string>(CHUNK),
  ref: new Array<string>(CHUNK),
  orderId: new Array<string | null>(CHUNK),
  reason: new Array<string>(CHUNK),
});

/**
 * A bulk replay's ledger as columns (struct of arrays) instead of one object per entry.
 *
 * Every entry a replay writes stays alive until the caller reads the result, so as objects each
 * one was copied by young-generation collections and promoted, and the old generation's growth
 * brought full collections (which also mark the caller's events) into the replay. Here an entry
 * is one write per column: numbers in typed arrays outside the JS heap, strings as references to
 * the events' own ids and constant reasons, in fixed-size chunks that are never copied.
 * `entry(i)` builds the `LedgerEntry` callers see, field for field what the object path writes.
 */
export class LedgerColumns {
  length = 0;
  private readonly chunks: Chunk[] = [];
  private last: Chunk | null = null;

  constructor(readonly unit: LedgerUnit) {}

  push(
    kind: KindCode,
    customerId: string,
    amount: number,
    lotId: string,
    ref: string,
    orderId: string | null,
    at: Millis,
    availableAt: Millis,
    expiresAt: Millis | null,
    reason: string,
  ): void {
    const i = this.length % CHUNK;
    let c = this.last;
    if (i === 0 || c === null) {
      c = newChunk();
      this.chunks.push(c);
      this.last = c;
    }
    c.kind[i] = kind;
    c.amount[i] = amount;
    c.at[i] = at;
    c.availableAt[i] = availableAt;
    c.expiresAt[i] = expiresAt ?? Number.NaN;
    c.customerId[i] = customerId;
    c.lotId[i] = lotId;
    c.ref[i] = ref;
    c.orderId[i] = orderId;
    c.reason[i] = reason;
    this.length++;
  }

  entry(index: number): LedgerEntry {
    const c = this.chunks[Math.floor(index / CHUNK)] as Chunk;
    const i = index % CHUNK;
    const kind = LEDGER_KINDS[c.kind[i] as number] as LedgerKind;
    const customerId = c.customerId[i] as string;
    const amount = c.amount[i] as number;
    const lotId = c.lotId[i] as string;
    const ref = c.ref[i] as string;
    const orderId = c.orderId[i] as string | null;
    const at = c.at[i] as number;
    const reason = c.reason[i] as string;
    if (kind !== "earn")
      return { kind, customerId, amount, unit: this.unit, lotId, ref, orderId, at, reason };
    const expiresAt = c.expiresAt[i] as number;
    return {
      kind,
      customerId,
      amount,
      unit: this.unit,
      lotId,
      ref,
      orderId,
      at,
      availableAt: c.availableAt[i] as number,
      expiresAt: Number.isNaN(expiresAt) ? null : expiresAt,
      reason,
    };
  }

  entries(): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.entry(i));
    return out;
  }
}
