/**
 * The document title; editors rename it in place (optimistic, rolled back if the server refuses;
 * kept open with what was typed when the session has expired, to save again after signing in).
 */
import { createSignal, Show } from 'solid-js';
import { api } from '../data/api';
import { ApiError } from '../data/http';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';

export function TitleEditor(props: { id: string; title: string; editable: boolean; onRenamed: (title: string) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const start = () => {
    setDraft(props.title);
    setEditing(true);
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const next = draft().trim();
    const previous = props.title;
    if (!next || next === previous) return setEditing(false);
    props.onRenamed(next);
    try {
      await api.renameDocument(props.id, next);
      setEditing(false);
    } catch (error) {
      props.onRenamed(previous);
      // Signed out meanwhile: keep the form and what was typed; Save again after signing in.
      if (error instanceof ApiError && error.status === 401) return;
      setEditing(false);
      notify(errorMessage(error), 'error');
    }
  };
  return (
    <Show
      when={editing()}
      fallback={
        <div class="doc-title">
          <h1 class="doc-title__text" title={props.title}>{props.title}</h1>
          <Show when={props.editable}>
            <button type="button" class="icon-button" aria-label={t('common.rename')} title={t('common.rename')} onClick={start}>
              <Icon name="pencil" size={18} />
            </button>
          </Show>
        </div>
      }
    >
      <form class="doc-title doc-title--editing" onSubmit={(event) => void save(event)}>
        <label class="visually-hidden" for="document-title-input">
          {t('editor.renameLabel')}
        </label>
        <input
          id="document-title-input"
          ref={(el) => queueMicrotask(() => el.select())}
          required
          maxlength="300"
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        />
        <button type="submit" class="button button--primary button--small">
          {t('common.save')}
        </button>
        <button type="button" class="button button--small" onClick={() => setEditing(false)}>
          {t('common.cancel')}
        </button>
      </form>
    </Show>
  );
}
