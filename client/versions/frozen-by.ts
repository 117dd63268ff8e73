/** "Name, Department" of whoever froze a version (as recorded then: names survive reorganisations). */
import { t } from '../i18n/i18n';
import type { VersionDto } from '../../shared/records/api';

export const frozenBy = (v: Pick<VersionDto, 'frozenBy'>) =>
  v.frozenBy.department ? t('versions.by', { name: v.frozenBy.name, department: v.frozenBy.department.name }) : v.frozenBy.name;
