/**
 * Writing a comment: a textarea with `@` mentions. Typing `@` and letters offers the people who
 * may see the draft (a listbox driven by the arrow keys, Enter or Tab to pick, Escape to close);
 * picking inserts "@Name" into the text and remembers the id, sent as `mentions`. Ctrl+Enter sends.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { maxBodyLength } from '../../shared/comments/api';

export interface Person {
  id: string;
  name: string;
  departments: string[];
}

let composerCount = 0;

export function Composer(props: {
  label: string;
  submitLabel: string;
  initial?: string;
  people: () => Person[];
  autofocus?: boolean;
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  onCancel?: () => void;
}) {
  const id = `composer-${++composerCount}`;
  const [body, setBody] = createSignal(props.initial ?? '');
  const [mentioned, setMentioned] = createSignal<Person[]>([]);
  const [query, setQuery] = createSignal<string | null>(null);
  const [highlight, setHighlight] = createSignal(0);
  const [busy, setBusy] = createSignal(false);
  let area: HTMLTextAreaElement | undefined;

  const matches = createMemo(() => {
    const q = query();
    if (q === null) return [];
    const needle = q.toLocaleLowerCase();
    return props.people().filter((p) => p.name.toLocaleLowerCase().includes(needle)).slice(0, 8);
  });

  /** The `@word` just before the caret, if any. */
  const mentionAtCaret = () => {
    if (!area) return null;
    const before = area.value.slice(0, area.selectionStart);
    const found = /(^|\s)@([^\s@]{0,30})$/.exec(before);
    return found ? { at: before.length - found[2]!.length - 1, text: found[2]! } : null;
  };

  const onInput = (value: string) => {
    setBody(value);
    const m = mentionAtCaret();
    setQuery(m ? m.text : null);
    setHighlight(0);
  };

  const pick = (person: Person) => {
    const m = mentionAtCaret();
    if (!area || !m) return;
    const value = area.value;
    const next = `${value.slice(0, m.at)}@${person.name} ${value.slice(area.selectionStart)}`;
    setBody(next);
    area.value = next;
    const caret = m.at + person.name.length + 2;
    area.setSelectionRange(caret, caret);
    setMentioned((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]));
    setQuery(null);
    area.focus();
  };

  const submit = async () => {
    const text = body().trim();
    if (!text || busy()) return;
    setBusy(true);
    try {
      // Only people still named in the text are mentioned.
      const mentions = mentioned().filter((p) => text.includes(`@${p.name}`)).map((p) => p.id);
      await props.onSubmit(text, mentions);
      setBody('');
      setMentioned([]);
      if (area) area.value = '';
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const list = matches();
    if (query() !== null && list.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setHighlight((i) => (i + (event.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(list[highlight()]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault();
      props.onCancel();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <textarea
        ref={(el) => {
          area = el;
          if (props.autofocus) queueMicrotask(() => el.focus());
        }}
        id={id}
        class="composer__input"
        rows={3}
        maxLength={maxBodyLength}
        placeholder={props.label}
        value={body()}
        role="combobox"
        aria-expanded={query() !== null && matches().length > 0}
        aria-controls={`${id}-people`}
        aria-autocomplete="list"
        aria-activedescendant={query() !== null && matches().length > 0 ? `${id}-person-${highlight()}` : undefined}
        aria-describedby={`${id}-hint`}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <Show when={query() !== null && matches().length > 0}>
        <ul class="composer__people" id={`${id}-people`} role="listbox" aria-label={t('comments.mentionList')}>
          <For each={matches()}>
            {(person, index) => (
              <li
                id={`${id}-person-${index()}`}
                role="option"
                aria-selected={index() === highlight()}
                classList={{ 'composer__person--active': index() === highlight() }}
                class="composer__person"
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
              >
                <span>{person.name}</span>
                <span class="composer__dept">{person.departments.join(', ')}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="composer__hint" id={`${id}-hint`}>
        {t('comments.mentionHint')}
      </p>
      <div class="composer__actions">
        <Show when={props.onCancel}>
          <button type="button" class="button button--small button--quiet" onClick={() => props.onCancel?.()}>
            {t('comments.cancel')}
          </button>
        </Show>
        <button type="submit" class="button button--small button--primary" disabled={busy() || body().trim().length === 0}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
