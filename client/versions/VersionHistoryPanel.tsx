/**
 * The version history beside the draft (a drawer over it on tablets): the versions newest first,
 * each with a badge verified in this browser; editors freeze a new version from here; any version
 * opens read only. Loaded lazily with its own chunk (jose, the record format) the first time it opens.
 */
import { createEffect, createResource, createSignal, For, Match, on, onMount, Show, Switch } from 'solid-js';
import { api } from '../data/api';
import { t } from '../i18n/i18n';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import type { FreezeResultDto, VersionDto } from '../../shared/records/api';
import { FreezeDialog } from './FreezeDialog';
import { VersionItem } from './VersionItem';
import { VersionViewer } from './VersionViewer';
import './viewer.css';

export interface VersionHistoryProps {
  id: string;
  documentId: string;
  /** The draft's title (names downloaded records). */
  documentTitle: string;
  /** May freeze and restore (edit access, not finalized). */
  mayEdit: boolean;
  finalizedAt: string | null;
  /** My edits the server has not confirmed yet (a freeze captures the server's state only). */
  unsynced: number;
  onClose: () => void;
  /** A final version was frozen here: the draft is now read-only. */
  onFinalized: () => void;
}

/** Call before opening a dialog: gives back focus to whatever had it (the dialog unmounts on close). */
const focusReturner = () => {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return () => previous?.isConnected && previous.focus();
};

export default function VersionHistoryPanel(props: VersionHistoryProps) {
  const [versions, { mutate, refetch }] = createResource(() => props.documentId, async (id) => (await api.listVersions(id)).versions);
  const [freezing, setFreezing] = createSignal(false);
  const [opened, setOpened] = createSignal<VersionDto | null>(null);
  let heading: HTMLHeadingElement | undefined;
  let giveBackFocus = () => {};
  onMount(() => heading?.focus());
  // Someone froze a final version (maybe not here): the list has a new entry.
  createEffect(on(() => props.finalizedAt, () => void refetch(), { defer: true }));

  const openDialog = (show: () => void) => {
    giveBackFocus = focusReturner();
    show();
  };
  const closeDialog = () => {
    setFreezing(false);
    setOpened(null);
    queueMicrotask(giveBackFocus);
  };
  const frozen = (result: FreezeResultDto) => {
    mutate((list) => [result.version, ...(list ?? []).filter((v) => v.id !== result.version.id)]);
    closeDialog();
    notify(t('versions.frozen', { version: result.version.version }));
    if (result.version.final) props.onFinalized();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || (event.target as Element | null)?.closest('dialog')) return;
    event.preventDefault();
    props.onClose();
  };

  return (
    <aside id={props.id} class="version-panel" aria-labelledby={`${props.id}-title`} onKeyDown={onKeyDown}>
      <header class="version-panel__header">
        <h2 id={`${props.id}-title`} ref={heading} tabindex="-1">
          <Icon name="history" size={18} />
          {t('versions.title')}
        </h2>
        <button type="button" class="icon-button" aria-label={t('versions.close')} onClick={() => props.onClose()}>
          <Icon name="close" />
        </button>
      </header>
      <div class="version-panel__scroll">
        <p class="version-panel__intro">{t('versions.intro')}</p>
        <Show when={props.mayEdit}>
          <button type="button" class="button button--primary button--block" onClick={() => openDialog(() => setFreezing(true))}>
            <Icon name="seal" size={18} />
            {t('versions.freeze')}
          </button>
        </Show>
        <Switch>
          <Match when={versions.error}>
            <div class="alert alert--error" role="alert">
              <span>{errorMessage(versions.error)}</span>
              <button type="button" class="button button--small" onClick={() => void refetch()}>
                {t('common.retry')}
              </button>
            </div>
          </Match>
          <Match when={!versions.latest}>
            <p class="page-loading" role="status">
              {t('versions.loading')}
            </p>
          </Match>
          <Match when={versions.latest?.length === 0}>
            <p class="version-panel__empty">{props.mayEdit ? t('versions.emptyEditor') : t('versions.empty')}</p>
          </Match>
          <Match when={versions.latest}>
            {(list) => (
              <ol class="version-list" aria-label={t('versions.title')}>
                <For each={list()}>{(version) => <VersionItem version={version} onOpen={(v) => openDialog(() => setOpened(v))} />}</For>
              </ol>
            )}
          </Match>
        </Switch>
      </div>
      <Show when={freezing()}>
        <FreezeDialog documentId={props.documentId} unsynced={props.unsynced} onClose={closeDialog} onFrozen={frozen} />
      </Show>
      <Show when={opened()}>
        {(version) => <VersionViewer documentId={props.documentId} documentTitle={props.documentTitle} version={version()} mayRestore={props.mayEdit} onClose={closeDialog} onRestored={closeDialog} />}
      </Show>
    </aside>
  );
}
