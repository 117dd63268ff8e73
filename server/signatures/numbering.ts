/**
 * The next number of a register (data path: issue.ts → here → register_counters). One row per
 * register and year; `insert … on conflict do update … returning` takes that row's lock until the
 * issuing transaction ends, so concurrent issuers (in this process or another instance on the same
 * Postgres) queue on it: numbers are unique, and gap-free because a rolled-back issuance rolls its
 * increment back too.
 */
import { sql } from 'drizzle-orm';
import type { Transaction } from '../db/client';
import { registerCounters } from '../db/schema';

export async function takeNextNumber(tx: Transaction, registerId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(registerCounters)
    .values({ registerId, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [registerCounters.registerId, registerCounters.year], set: { lastNumber: sql`${registerCounters.lastNumber} + 1` } })
    .returning({ number: registerCounters.lastNumber });
  return row!.number;
}
