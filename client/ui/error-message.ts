/**
 * One sentence for the person, in their language, for anything an API call can throw. Built only
 * from the answer's `code` and, for validation failures, `details[].path` (the field): the
 * server's English `message` is for logs and developers and never reaches the UI.
 * A caller may say what a conflict means where it happened (`{ conflict: 'error.departmentExists' }`).
 */
import { ApiError, NetworkError } from '../data/http';
import { t, type MessageKey } from '../i18n/i18n';
import type { Params } from '../i18n/translate';

export interface ErrorContext {
  /** What a 409 means for this action. */
  conflict?: MessageKey;
  /** What a 404 means for this action (default: the document does not exist or is not yours). */
  notFound?: MessageKey;
  params?: Params;
}

/** Request fields by their last path segment, named as the forms name them. */
const fieldLabels: Record<string, MessageKey> = {
  email: 'common.email',
  password: 'common.password',
  name: 'common.name',
  department: 'common.department',
  departments: 'common.departments',
  departmentIds: 'common.departments',
  title: 'documents.colTitle',
  label: 'versions.label',
  note: 'versions.note',
  grants: 'share.current',
  q: 'documents.search',
};

/** The translated names of the fields a validation failure names (unknown fields are not shown). */
export function invalidFields(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  const names = details
    .map((issue) => (typeof issue?.path === 'string' ? issue.path.split('.').filter((p: string) => !/^\d+$/.test(p)).pop() : undefined))
    .map((last) => (last && fieldLabels[last] ? t(fieldLabels[last]) : null))
    .filter((name): name is string => !!name);
  return [...new Set(names)];
}

export function errorMessage(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof NetworkError) return t('error.network');
  if (!(error instanceof ApiError)) return t('error.unexpected');
  switch (error.code) {
    case 'validation_failed':
    case 'bad_request': {
      const fields = invalidFields(error.details);
      return fields.length ? t('error.invalidFields', { fields: fields.join(', ') }) : t('error.invalid');
    }
    case 'unauthenticated':
      return t('error.unauthenticated');
    case 'forbidden':
      return t('error.forbidden');
    case 'not_found':
      return t(context.notFound ?? 'error.notFound', context.params);
    case 'conflict':
      return t(context.conflict ?? 'error.conflict', context.params);
    case 'rate_limited':
      return t('error.rateLimited');
    case 'storage_unavailable':
      return t('error.unavailable');
  }
  if (error.status === 413) return t('error.tooLarge');
  if (error.status >= 500) return t('error.server');
  return t('error.generic', { code: error.code });
}
