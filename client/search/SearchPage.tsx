/**
 * Search results (`/search?q=…&type=…`): kind, highlighted title and snippet, each opening its
 * draft, dossier or record. The server filters by what the caller may open, so nothing here can
 * reveal more than the API did. A plain list of links: Tab moves through results, Enter opens.
 */
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { t, type MessageKey } from '../i18n/i18n';
import { usePageTitle } from '../app/page-title';
import { navigate, route } from '../app/router';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { Highlighted } from './Highlighted';
import { resultHref, searchApi, searchTypes, type SearchHit, type SearchType } from './search-api';
import './search.css';

const pageSize = 20;

function ResultItem(props: { hit: SearchHit }) {
  const href = () => resultHref(props.hit);
  const download = () => href().startsWith('/api/');
  return (
    <li class="search-result" data-type={props.hit.type}>
      <a class="search-result__link" href={href()} download={download() ? '' : undefined}>
        <span class="search-result__type">{t(`search.type.${props.hit.type}` as MessageKey)}</span>
        <span class="search-result__title">
          <Highlighted text={props.hit.title} ranges={props.hit.titleHighlights} />
        </span>
      </a>
      <Show when={props.hit.snippet}>
        <p class="search-result__snippet">
          <Highlighted text={props.hit.snippet} ranges={props.hit.highlights} />
        </p>
      </Show>
    </li>
  );
}

export default function SearchPage() {
  usePageTitle(() => t('search.title'));
  const params = createMemo(() => new URLSearchParams(route().search));
  const q = () => params().get('q')?.trim() ?? '';
  const type = () => (searchTypes as readonly string[]).includes(params().get('type') ?? '') ? (params().get('type') as SearchType) : undefined;
  const [limit, setLimit] = createSignal(pageSize);
  const source = () => (q() ? { q: q(), type: type(), limit: limit() } : null);
  const [answer] = createResource(source, (s) => searchApi.search(s.q, { type: s.type, limit: s.limit }));
  const setType = (value: string) => {
    setLimit(pageSize);
    navigate(`/search?q=${encodeURIComponent(q())}${value ? `&type=${value}` : ''}`, { replace: true });
  };
  return (
    <div class="page search-page">
      <div class="page__header">
        <div>
          <h1>{t('search.title')}</h1>
          <p class="page__intro">{t('search.intro')}</p>
        </div>
      </div>
      <div class="search-page__filters">
        <label class="field search-page__filter">
          <span>{t('search.typeFilter')}</span>
          <select value={type() ?? ''} onChange={(event) => setType(event.currentTarget.value)}>
            <option value="">{t('search.type.all')}</option>
            <For each={searchTypes}>{(kind) => <option value={kind}>{t(`search.type.${kind}` as MessageKey)}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={q()} fallback={<p>{t('search.prompt')}</p>}>
        <ErrorAlert message={answer.error ? errorMessage(answer.error) : null} />
        <Show when={answer.loading && !answer.latest}>
          <p role="status">{t('search.searching')}</p>
        </Show>
        <Show when={answer.latest}>
          {(found) => (
            <section aria-labelledby="search-results-heading">
              <h2 id="search-results-heading" class="search-page__total" aria-live="polite">
                {found().total === 1 ? t('search.totalOne') : t('search.total', { count: found().total })}
              </h2>
              <Show when={found().results.length > 0} fallback={<p>{t('search.none', { q: q() })}</p>}>
                <ol class="search-results" data-testid="search-results">
                  <For each={found().results}>{(hit) => <ResultItem hit={hit} />}</For>
                </ol>
              </Show>
              <Show when={found().results.length < found().total && limit() < 100}>
                <button type="button" class="button" onClick={() => setLimit(Math.min(100, limit() + pageSize))}>
                  {t('search.more')}
                </button>
              </Show>
            </section>
          )}
        </Show>
      </Show>
    </div>
  );
}
