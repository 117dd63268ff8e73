/** People, departments and sign-in sessions. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { departmentRoles } from '../../../shared/permissions/accounts';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Set when this department was merged into another; its members and grants moved there. */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => departments.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('departments_active_name_key').on(sql`lower(${t.name})`).where(sql`${t.mergedInto} is null`)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    /** Agency-wide clerk (văn thư): registers and issues documents, files records. */
    isClerk: boolean('is_clerk').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const userDepartments = pgTable(
  'user_departments',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    /** `leader`: head or deputy of the department (annotates, signs); else `member`. */
    role: text('role', { enum: departmentRoles }).notNull().default('member'),
  },
  (t) => [
    check('user_departments_role', sql`${t.role} in ('member', 'leader')`),
    primaryKey({ name: 'user_departments_pkey', columns: [t.userId, t.departmentId] }),
    index('user_departments_department_idx').on(t.departmentId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the token held by the browser; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
