/** Agency settings (issue 13): one row (id = 1) naming the issuing authority for document headers. */
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import type { SignerTitle } from '../../../shared/agency/settings';

export const agencySettings = pgTable(
  'agency_settings',
  {
    id: smallint('id').primaryKey().default(1),
    name: text('name').notNull().default(''),
    abbreviation: text('abbreviation').notNull().default(''),
    code: text('code').notNull().default(''),
    superiorBody: text('superior_body').notNull().default(''),
    placeName: text('place_name').notNull().default(''),
    signerTitles: jsonb('signer_titles').$type<SignerTitle[]>().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [check('agency_settings_single_row', sql`${t.id} = 1`)],
);
