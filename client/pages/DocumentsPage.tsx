/** My drafts: search by title, create one, open one. Works offline from the last visit's copy. */
import { createSignal, onCleanup, Show, Suspense } from 'solid-js';
import { route } from '../app/router';
import { t } from '../i18n/i18n';
import { CreateDocumentForm } from '../documents/CreateDocumentForm';
import { ImportButton } from '../exchange/ImportButton';
import { DocumentTable } from '../documents/DocumentTable';
import { createDocumentList } from '../documents/documents-store';
import { errorMessage } from '../ui/error-message';
import { Icon } from '../ui/Icon';
import { usePageTitle } from '../app/page-title';

export default function DocumentsPage() {
  usePageTitle(() => t('documents.title'));
  const initial = new URLSearchParams(route().search).get('q') ?? '';
  const { query, setQuery, archived, setArchived, list, refetch } = createDocumentList(initial);
  const [typed, setTyped] = createSignal(initial);
  const loaded = () => (list.error ? undefined : list.latest);
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onSearch = (value: string) => {
    setTyped(value);
    clearTimeout(timer);
    timer = setTimeout(() => {
      setQuery(value.trim());
      history.replaceState(null, '', value.trim() ? `/?q=${encodeURIComponent(value.trim())}` : '/');
    }, 250);
  };

  return (
    <div class="page">
      <div class="page__header">
        <div>
          <h1>{t('documents.title')}</h1>
          <p class="page__intro">{t('documents.intro')}</p>
        </div>
        <CreateDocumentForm />
        <ImportButton />
      </div>
      <div class="toolbar-row">
        <div class="search">
          <Icon name="search" size={18} />
          <label class="visually-hidden" for="document-search">
            {t('documents.search')}
          </label>
          <input id="document-search" type="search" placeholder={t('documents.search')} value={typed()} onInput={(e) => onSearch(e.currentTarget.value)} />
        </div>
        <label class="check archived-filter">
          <input type="checkbox" checked={archived()} onChange={(e) => setArchived(e.currentTarget.checked)} />
          <span>{t('documents.showArchived')}</span>
        </label>
      </div>
      <Show when={list.error}>
        <div class="alert alert--error" role="alert">
          <span>{errorMessage(list.error)}</span>
          <button type="button" class="button button--small" onClick={() => void refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </Show>
      <Suspense fallback={<p class="page-loading">{t('app.loading')}</p>}>
      <Show when={loaded()}>
        {(current) => (
          <>
            <p class="muted list-count">{t('documents.count', { count: current().documents.length })}</p>
            <Show when={current().cached}>
              <p class="alert alert--info" role="status">
                {t('documents.cached')}
              </p>
            </Show>
            <Show
              when={current().documents.length > 0}
              fallback={<p class="empty">{query() ? t('documents.noMatch', { query: query() }) : archived() ? t('documents.noArchived') : t('documents.empty')}</p>}
            >
              <Show when={archived()}>
                <p class="muted">{t('documents.archivedIntro')}</p>
              </Show>
              <DocumentTable documents={current().documents} archived={archived()} onChanged={() => void refetch()} />
            </Show>
          </>
        )}
      </Show>
      </Suspense>
    </div>
  );
}
