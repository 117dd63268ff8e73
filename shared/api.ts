/**
 * Request bodies and queries of the REST API as zod schemas, shared by the server (validation),
 * the CLI and the web client (forms validate with the very rules the server applies).
 * Bodies are strict: an unknown field is an error, so a typo never silently does nothing.
 * No I/O here.
 */
import { z } from 'zod';
import { accessLevels, departmentRoles, type DepartmentRole } from './permissions';

/** Any 8-4-4-4-12 hex id (what Postgres' uuid type accepts). */
export const id = z.guid({ error: 'must be an id (uuid)' });

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an email address' }));
export const personName = z.string().trim().min(1, 'must not be empty').max(200);
export const departmentName = z.string().trim().min(1, 'must not be empty').max(200);
/** Length only: passphrases beat composition rules. */
export const password = z.string().min(8, 'must be at least 8 characters').max(1024);
export const documentTitle = z.string().trim().min(1, 'must not be empty').max(300);
export const grantLevel = z.enum(accessLevels);

export const setupBody = z.strictObject({ email, name: personName, password, department: departmentName });

export const loginBody = z.strictObject({
  email: z.string().trim().min(1, 'must not be empty').max(254),
  password: z.string().min(1, 'must not be empty').max(1024),
});

export const createDepartmentBody = z.strictObject({ name: departmentName });

/** Exactly one of: rename, or merge this department into another one. */
export const updateDepartmentBody = z
  .strictObject({ name: departmentName.optional(), mergeInto: id.optional() })
  .refine((b) => (b.name === undefined) !== (b.mergeInto === undefined), 'send either {name} to rename or {mergeInto} to merge');

const departmentIds = z
  .array(id)
  .min(1, 'must name at least one department')
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a department');

/** Memberships with roles: `[{id, role}]`; `departmentIds` (all members) stays accepted. */
const memberships = z
  .array(z.strictObject({ id, role: z.enum(departmentRoles) }))
  .min(1, 'must name at least one department')
  .max(100)
  .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'must not repeat a department');

/** A new person's fields (the CLI takes departments as names instead). */
export const createUserFields = z.strictObject({
    email,
    name: personName,
    password,
    departmentIds: departmentIds.optional(),
    departments: memberships.optional(),
    isAdmin: z.boolean().optional(),
    isClerk: z.boolean().optional(),
});
export const createUserBody = createUserFields.refine(
  (b) => (b.departmentIds === undefined) !== (b.departments === undefined),
  'send either departmentIds or departments',
);

export const updateUserBody = z
  .strictObject({
    name: personName.optional(),
    departmentIds: departmentIds.optional(),
    departments: memberships.optional(),
    isAdmin: z.boolean().optional(),
    isClerk: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'must change at least one field')
  .refine((b) => b.departmentIds === undefined || b.departments === undefined, 'send either departmentIds or departments, not both');

/** The memberships a create/update body asks for (`departmentIds` means members). */
export const membershipsOf = (body: { departmentIds?: readonly string[]; departments?: readonly { id: string; role: DepartmentRole }[] }) =>
  body.departments ?? body.departmentIds?.map((departmentId) => ({ id: departmentId, role: 'member' as const }));

export const createDocumentBody = z.strictObject({ title: documentTitle });
export const updateDocumentBody = z.strictObject({ title: documentTitle });

export const listDocumentsQuery = z.strictObject({
  q: z.string().trim().max(300).optional(),
  /** `true`: only archived drafts; otherwise only drafts that are not archived. */
  archived: z.enum(['true', 'false']).optional(),
});

/** One grant: to a department or to a person (exactly one), at a level. */
export const grantInput = z
  .strictObject({ department: id.optional(), user: id.optional(), level: grantLevel })
  .refine((g) => (g.department === undefined) !== (g.user === undefined), 'each grant names either a department or a user');

export const putAccessBody = z.strictObject({
  grants: z
    .array(grantInput)
    .max(500)
    .superRefine((grants, ctx) => {
      const seen = new Set<string>();
      grants.forEach((g, index) => {
        const key = g.department ? `department:${g.department}` : `user:${g.user}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `grants the same ${key.split(':')[0]} twice` });
        seen.add(key);
      });
    }),
});

export type SetupBody = z.infer<typeof setupBody>;
export type LoginBody = z.infer<typeof loginBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type UpdateDepartmentBody = z.infer<typeof updateDepartmentBody>;
export type GrantInputBody = z.infer<typeof grantInput>;
export type PutAccessBody = z.infer<typeof putAccessBody>;

/** Shapes the server answers with (what the client reads). */
export interface Named {
  id: string;
  name: string;
}
/** A department a person belongs to, with their role in it. */
export interface MembershipDto extends Named {
  role: DepartmentRole;
}
export interface UserDto {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  isClerk: boolean;
  departments: MembershipDto[];
}
export interface AdminUserDto extends UserDto {
  disabled: boolean;
  createdAt: string;
}
export interface DocumentDto {
  id: string;
  title: string;
  departmentId: string;
  department: Named;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastEditedAt: string | null;
  lastEditedBy: Named | null;
  /** The caller's level, ignoring finalisation: editing also needs `finalizedAt === null`. */
  access: 'view' | 'comment' | 'edit';
  canManageAccess: boolean;
  finalizedAt: string | null;
  /** Archived ("deleted") drafts are hidden from the default list; their records stay. */
  archivedAt: string | null;
  canArchive: boolean;
}
export type GrantDto = ({ department: Named } | { user: Named }) & { level: 'view' | 'comment' | 'edit' };
export interface DirectoryDto {
  departments: Named[];
  users: { id: string; name: string; isClerk: boolean; departments: MembershipDto[] }[];
}
