/**
 * One frozen version, read only: its metadata, the badge and the content of the bundle as
 * downloaded and verified here (what is shown is exactly what was checked), the record to
 * download, and, for editors, a restore that asks first.
 */
import { createResource, createSignal, Show } from 'solid-js';
import { api, bundleUrl } from '../data/api';
import { recordFileName } from './record-file-name';
import { dateTime, t } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/error-message';
import { notify } from '../ui/toast';
import type { VersionDto } from '../../shared/records/api';
import { verifier } from './browser-verifier';
import { frozenBy } from './frozen-by';
import { ReadOnlyDocument } from './ReadOnlyDocument';
import { RestoreConfirm } from './RestoreConfirm';
import { VerificationBadge, type Verification } from './VerificationBadge';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FrozenThreads } from '../comments/FrozenThreads';

/** The ProseMirror JSON inside a downloaded bundle, if it has one. */
const contentOf = (bundle: unknown) => {
  const json = (bundle as { content?: { json?: unknown } } | null)?.content?.json;
  return json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
};

export function VersionViewer(props: { documentId: string; documentTitle: string; version: VersionDto; mayRestore: boolean; onClose: () => void; onRestored: () => void }) {
  const [loaded, { refetch }] = createResource(() => props.version.seq, (seq) => verifier.load(seq));
  const [confirming, setConfirming] = createSignal(false);
  const [restoring, setRestoring] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const v = () => props.version;
  const ready = () => (loaded.state === 'ready' ? loaded() : undefined);
  const verification = (): Verification => {
    if (loaded.state === 'errored') return { state: 'error' };
    const done = ready();
    return done ? { state: 'done', report: done.report } : { state: 'checking' };
  };

  const restore = async () => {
    setRestoring(true);
    setError(null);
    try {
      await api.restoreVersion(props.documentId, v().id);
      notify(t('viewer.restored', { version: v().version }));
      props.onRestored();
    } catch (failure) {
      setError(errorMessage(failure, { conflict: 'error.finalized' }));
      setRestoring(false);
    }
  };

  return (
    <Dialog title={t('viewer.title', { version: v().version, label: v().label })} onClose={props.onClose} class="dialog--document version-viewer">
      <div class="viewer__meta">
        <span>
          <Icon name="user" size={14} />
          {frozenBy(v())}
        </span>
        <time datetime={v().frozenAt}>{dateTime(v().frozenAt)}</time>
        <span>{t('versions.record', { number: v().seq + 1 })}</span>
        <Show when={v().final}>
          <span class="badge badge--final">{t('versions.final')}</span>
        </Show>
      </div>
      <Show when={v().note}>
        {(note) => (
          <p class="viewer__note">
            <span class="strong">{t('viewer.note')}: </span>
            {note()}
          </p>
        )}
      </Show>
      <div class="viewer__bar">
        <VerificationBadge verification={verification()} version={v().version} onRetry={() => void refetch()} />
        <div class="viewer__actions">
          <a class="button button--small" href={bundleUrl(v().seq)} download={recordFileName(props.documentTitle, v().version, v().label)}>
            <Icon name="download" size={16} />
            {t('viewer.download')}
          </a>
          <Show when={props.mayRestore && !confirming()}>
            <button type="button" class="button button--small" onClick={() => setConfirming(true)}>
              <Icon name="restore" size={16} />
              {t('viewer.restore')}
            </button>
          </Show>
        </div>
      </div>
      <Show when={confirming()}>
        <RestoreConfirm version={v().version} busy={restoring()} onCancel={() => setConfirming(false)} onConfirm={() => void restore()} />
      </Show>
      <ErrorAlert message={error()} />
      <Show when={loaded.state === 'errored'}>
        <p class="alert alert--error" role="alert">
          {errorMessage(loaded.error)}
        </p>
      </Show>
      <div class="viewer__paper">
        <Show when={ready()} fallback={<Show when={loaded.loading}><p class="page-loading">{t('viewer.loading')}</p></Show>}>
          {(done) => (
            <>
              <Show when={!done().report.ok}>
                <p class="alert alert--error" role="alert">
                  {t('viewer.failedWarning')}
                </p>
              </Show>
              <Show when={contentOf(done().bundle)}>
                {(content) => (
                  <article class="paper paper--frozen">
                    <p class="paper__stamp">
                      <Icon name="lock" size={14} />
                      {t('viewer.readOnly')}
                    </p>
                    <ReadOnlyDocument content={content()} label={t('viewer.contentLabel', { version: v().version })} />
                  </article>
                )}
              </Show>
              <FrozenThreads bundle={done().bundle} />
            </>
          )}
        </Show>
      </div>
    </Dialog>
  );
}
