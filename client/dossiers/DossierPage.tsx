/**
 * One work dossier (`/dossiers/:id`): its metadata as the clerical-work decree names them, the
 * records filed in it, and the actions the policy (shared/permissions/dossiers.ts) allows the
 * caller: file a record by its ledger number and close (while open), reopen (administrators),
 * hand over and download the handover package (clerks, administrators). The server decides again.
 */
import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { locale, t } from '../i18n/i18n';
import { formatNumber } from '../i18n/format';
import { usePageTitle } from '../app/page-title';
import { user } from '../session/session';
import { api } from '../data/api';
import { ApiError } from '../data/http';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Icon } from '../ui/Icon';
import { notify } from '../ui/toast';
import { canCloseDossier, canExportDossier, canFileIntoDossier, canHandOverDossier, canReopenDossier } from '../../shared/permissions/dossiers';
import { dossierFacts } from './actor';
import { policyActor } from '../session/actor';
import { dossiersApi, type DossierDto } from './dossiers-api';
import { DossierRecords } from './DossierRecords';
import { stateLabel } from './DossiersPage';
import './dossiers.css';

const retentionText = (r: string) => (r === 'permanent' ? t('dossiers.retentionPermanent') : t('dossiers.retentionYears', { years: r }));

function Metadata(props: { dossier: DossierDto; department: string }) {
  const d = () => props.dossier;
  const none = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? t('dossiers.none') : typeof v === 'number' ? formatNumber(v, locale()) : v);
  const rows = (): [string, JSX.Element][] => [
    [t('dossiers.fileCode'), d().fileCode],
    [t('dossiers.department'), none(props.department)],
    [t('dossiers.colState'), <span class="dossier-state" data-state={d().state}>{stateLabel(d().state)}</span>],
    [t('dossiers.retention'), retentionText(d().retention)],
    [t('dossiers.rights'), none(d().rights)],
    [t('dossiers.language'), none(d().language)],
    [t('dossiers.startDate'), none(d().startDate)],
    [t('dossiers.endDate'), none(d().endDate)],
    [t('dossiers.docTotal'), none(d().docTotal)],
    [t('dossiers.pageTotal'), none(d().pageTotal)],
    [t('dossiers.description'), none(d().description)],
  ];
  return (
    <section aria-labelledby="dossier-metadata-heading">
      <h2 id="dossier-metadata-heading">{t('dossiers.metadata')}</h2>
      <dl class="dossier-metadata" data-testid="dossier-metadata">
        <For each={rows()}>
          {([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}

export default function DossierPage(props: { params: string[] }) {
  const id = () => props.params[0]!;
  const [detail, { refetch, mutate }] = createResource(id, (dossierId) => dossiersApi.get(dossierId));
  const [directory] = createResource(() => api.directory().catch(() => null));
  usePageTitle(() => detail.latest?.dossier.title ?? t('dossiers.title'));
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal<'close' | 'handover' | null>(null);
  const [seq, setSeq] = createSignal('');
  const actor = () => policyActor(user()!);
  const act = async (run: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      await refetch();
      if (done) notify(done);
    } catch (err) {
      setError(errorMessage(err, { notFound: 'dossiers.notFound' }));
    } finally {
      setBusy(false);
    }
  };
  const file = (event: SubmitEvent) => {
    event.preventDefault();
    const n = Number(seq());
    if (!Number.isInteger(n) || n < 0) return;
    void act(() => dossiersApi.file(id(), n), t('dossiers.filed', { seq: n })).then(() => setSeq(''));
  };
  const confirm = (which: 'close' | 'handover') => {
    setConfirming(null);
    void act(() => (which === 'close' ? dossiersApi.close(id()) : dossiersApi.handover(id())).then((answer) => mutate((prev) => (prev ? { ...prev, dossier: answer.dossier } : prev))));
  };
  const missing = () => detail.error instanceof ApiError && detail.error.status === 404;
  return (
    <div class="page dossier-page">
      <a class="back-link" href="/dossiers">
        <Icon name="back" size={16} />
        {t('dossiers.back')}
      </a>
      <ErrorAlert message={missing() ? t('dossiers.notFound') : detail.error ? errorMessage(detail.error) : null} />
      <Show when={detail.latest}>
        {(found) => {
          const d = () => found().dossier;
          const facts = () => dossierFacts(d());
          return (
            <>
              <div class="page__header">
                <div>
                  <p class="dossier-page__code">{d().fileCode}</p>
                  <h1>{d().title}</h1>
                </div>
              </div>
              <ErrorAlert message={error()} />
              <div class="dossier-actions" role="group" aria-label={t('dossiers.actions')}>
                <Show when={canCloseDossier(actor(), facts())}>
                  <button type="button" class="button" disabled={busy()} onClick={() => setConfirming('close')}>
                    {t('dossiers.close')}
                  </button>
                </Show>
                <Show when={canReopenDossier(actor(), facts())}>
                  <button type="button" class="button" disabled={busy()} onClick={() => void act(() => dossiersApi.reopen(id()))}>
                    {t('dossiers.reopen')}
                  </button>
                </Show>
                <Show when={canHandOverDossier(actor(), facts())}>
                  <button type="button" class="button button--primary" disabled={busy()} onClick={() => setConfirming('handover')}>
                    {t('dossiers.handover')}
                  </button>
                </Show>
                <Show when={canExportDossier(actor(), facts())}>
                  <a class="button" href={dossiersApi.packageUrl(d().id)} download="">
                    <Icon name="download" size={18} />
                    {t('dossiers.package')}
                  </a>
                </Show>
              </div>
              <div class="dossier-layout">
                <Metadata dossier={d()} department={directory()?.departments.find((x) => x.id === d().departmentId)?.name ?? ''} />
                <div class="dossier-layout__main">
                  <DossierRecords records={found().records} />
                  <Show when={canFileIntoDossier(actor(), facts())}>
                    <form class="dossier-file" onSubmit={file}>
                      <h3>{t('dossiers.fileRecord')}</h3>
                      <label class="field">
                        <span>{t('dossiers.fileSeq')}</span>
                        <input type="number" inputmode="numeric" min="0" required value={seq()} onInput={(e) => setSeq(e.currentTarget.value)} />
                      </label>
                      <button type="submit" class="button button--primary" disabled={busy() || !seq()}>
                        {t('dossiers.fileSubmit')}
                      </button>
                    </form>
                  </Show>
                </div>
              </div>
            </>
          );
        }}
      </Show>
      <Show when={confirming()}>
        {(which) => (
          <ConfirmDialog
            title={which() === 'close' ? t('dossiers.close') : t('dossiers.handover')}
            message={which() === 'close' ? t('dossiers.closeConfirm') : t('dossiers.handoverConfirm')}
            confirm={which() === 'close' ? t('dossiers.close') : t('dossiers.handover')}
            onConfirm={() => confirm(which())}
            onCancel={() => setConfirming(null)}
          />
        )}
      </Show>
    </div>
  );
}
