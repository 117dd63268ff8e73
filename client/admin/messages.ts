/** Messages of the administration screens' roles (department role, clerk flag). */
import type { CatalogOf } from '../i18n/catalogs';

export const en = {
  'roles.inDepartment': 'Role in {department}',
  'roles.member': 'Member',
  'roles.leader': 'Leader (head or deputy)',
  'roles.isClerk': 'Clerk (registers and issues documents, files records)',
  'roles.leaderBadge': 'leader',
  'roles.clerkBadge': 'clerk',
} as const;

export const vi: CatalogOf<typeof en> = {
  'roles.inDepartment': 'Vai trò trong {department}',
  'roles.member': 'Thành viên',
  'roles.leader': 'Lãnh đạo (trưởng hoặc phó)',
  'roles.isClerk': 'Văn thư (đăng ký, phát hành văn bản, lập hồ sơ)',
  'roles.leaderBadge': 'lãnh đạo',
  'roles.clerkBadge': 'văn thư',
};
