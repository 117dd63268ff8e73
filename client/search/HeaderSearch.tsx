/**
 * The search box in the header: a field and a button that open the results page
 * (`/search?q=…`, a lazy chunk, so the header itself stays small). Up to 1280 px wide only the button
 * shows; it opens the field first, then searches. Escape closes the narrow field.
 */
import { createEffect, createSignal } from 'solid-js';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { navigate, route } from '../app/router';
import './header-search.css';

const narrow = () => window.matchMedia('(max-width: 1280px)').matches;

export function HeaderSearch() {
  let input!: HTMLInputElement;
  const [q, setQ] = createSignal('');
  const [open, setOpen] = createSignal(false);
  // On the results page the field shows what was searched for.
  createEffect(() => {
    if (route().pathname === '/search') setQ(new URLSearchParams(route().search).get('q') ?? '');
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const text = q().trim();
    if (narrow() && !open()) {
      setOpen(true);
      input.focus();
      return;
    }
    if (!text) return input.focus();
    navigate(`/search?q=${encodeURIComponent(text)}`);
    // On a narrow screen the open field covers the header: fold it back once the search is made.
    if (narrow()) {
      setOpen(false);
      input.blur();
    }
  };
  return (
    <form role="search" class="header-search" classList={{ 'header-search--open': open() }} onSubmit={submit} aria-label={t('search.open')}>
      <input
        ref={input}
        type="search"
        name="q"
        class="header-search__field"
        value={q()}
        onInput={(event) => setQ(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}
        onFocus={() => narrow() && setOpen(true)}
        onBlur={() => !q().trim() && setOpen(false)}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        autocomplete="off"
        maxLength={200}
      />
      <button type="submit" class="button button--quiet header-search__button" aria-label={t('search.submit')}>
        <Icon name="search" size={18} />
      </button>
    </form>
  );
}
