/** One sentence for the person, in their language, for anything an API call can throw. */
import { ApiError, NetworkError } from '../data/http';
import { t } from '../i18n/i18n';

export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 429) return t('error.rateLimited');
    if (error.status === 409) return t('error.conflict', { message: error.message });
    if (error.status === 400) return t('error.invalid', { message: error.message });
    return t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}
