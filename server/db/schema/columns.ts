/** Column types shared by the schema modules. */
import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Binary column; postgres.js hands back a Buffer, PGlite a Uint8Array: both are Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer)),
});

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
