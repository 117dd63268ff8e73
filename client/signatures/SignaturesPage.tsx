/**
 * Signatures: this device's signing key (created here, approved by an administrator), the queue of
 * steps waiting for me (longest wait first) with one-tap Sign — one idempotent request, safe to retry
 * on a flaky connection — or Return, for clerks the signed documents waiting to be issued, and for
 * leaders, clerks and administrators the processing dashboard (ProcessingDashboard.tsx).
 * Fits 768 px and touch (large buttons, one column).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { usePageTitle } from '../app/page-title';
import { errorMessage } from '../ui/error-message';
import { ErrorAlert } from '../ui/ErrorAlert';
import { user } from '../session/session';
import { duration } from '../rounds/time';
import { createDeviceKey, loadDeviceKey, signerOf } from './device-key-store';
import { signaturesApi } from './signatures-api';
import { canViewProcessing } from '../../shared/permissions';
import ProcessingDashboard from './ProcessingDashboard';
import { policyActor } from '../session/actor';
import './signatures.css';

export default function SignaturesPage() {
  usePageTitle(() => t('signatures.title'));
  const me = () => user()!;
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [deviceKey, { refetch: refetchDevice }] = createResource(() => loadDeviceKey(me().id));
  const [keys, { refetch: refetchKeys }] = createResource(() => signaturesApi.myKeys());
  const [queue, { refetch: refetchQueue }] = createResource(() => signaturesApi.queue());
  const [deviceName, setDeviceName] = createSignal(navigator.userAgent.includes('Mobile') ? 'Tablet' : 'Browser');
  const keyState = () => keys()?.keys.find((k) => k.id === deviceKey()?.keyId)?.state;

  const act = async (id: string, run: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await run();
      await refetchQueue();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const createKey = () =>
    act('key', async () => {
      await createDeviceKey(me().id, async (publicJwk) => (await signaturesApi.registerKey(publicJwk, deviceName())).key.id);
      await Promise.all([refetchDevice(), refetchKeys()]);
    });
  const sign = (submissionId: string, stepIndex: number) =>
    act(submissionId, async () => {
      const stored = deviceKey();
      if (!stored) throw new Error(t('signatures.noKey'));
      const { submission } = await signaturesApi.submission(submissionId);
      const payload = submission.steps[stepIndex]?.payload;
      if (!payload) return;
      const jws = await signerOf(stored).sign(payload);
      // One request; retried as is if the network drops, the server answers the same (idempotent).
      for (let attempt = 0; ; attempt++) {
        try {
          await signaturesApi.sign(submissionId, stepIndex, stored.keyId, jws);
          return;
        } catch (err) {
          if (attempt >= 2 || !(err instanceof Error && err.name === 'NetworkError')) throw err;
        }
      }
    });
  const giveBack = (submissionId: string, stepIndex: number) => {
    const reason = prompt(t('signatures.returnReason'));
    if (reason?.trim()) void act(submissionId, () => signaturesApi.returnStep(submissionId, stepIndex, reason.trim()));
  };

  return (
    <div class="page signatures-page">
      <div class="page__header">
        <div>
          <h1>{t('signatures.title')}</h1>
          <p class="page__intro">{t('signatures.intro')}</p>
        </div>
      </div>
      <ErrorAlert message={error()} />
      <section class="signatures-device" aria-labelledby="device-heading">
        <h2 id="device-heading">{t('signatures.device')}</h2>
        <Show
          when={deviceKey()}
          fallback={
            <div class="signatures-device__create">
              <p>{t('signatures.noKey')}</p>
              <label>
                {t('signatures.deviceName')}
                <input value={deviceName()} onInput={(e) => setDeviceName(e.currentTarget.value)} />
              </label>
              <button class="button button--primary signatures-big" disabled={busy() === 'key' || !deviceName().trim()} onClick={() => void createKey()}>
                {t('signatures.createKey')}
              </button>
            </div>
          }
        >
          <p class="signatures-device__state" data-state={keyState()}>
            {keyState() ? t(`signatures.keyState.${keyState()!}` as 'signatures.keyState.active') : ''}
          </p>
        </Show>
      </section>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('signatures.queue')}</h2>
        <Show when={queue()} fallback={<ErrorAlert message={queue.error ? errorMessage(queue.error) : null} />}>
          {(q) => (
            <>
              <Show when={q().items.length === 0}>
                <p class="signatures-empty">{t('signatures.empty')}</p>
              </Show>
              <ul class="signatures-list">
                <For each={q().items}>
                  {(item) => (
                    <li class="signatures-item" data-submission={item.submissionId}>
                      <a href={`/documents/${item.documentId}`} class="signatures-item__title">{item.title}</a>
                      <span class="signatures-item__meta">
                        {item.documentType} · {t(`signatures.step.${item.kind}` as 'signatures.step.sign')} · {t('signatures.waiting', { time: duration(item.waitSeconds * 1000) })}
                      </span>
                      <div class="signatures-item__actions">
                        <button class="button button--primary signatures-big" disabled={busy() === item.submissionId || keyState() !== 'active'} onClick={() => void sign(item.submissionId, item.stepIndex)}>
                          {t(`signatures.step.${item.kind}` as 'signatures.step.sign')}
                        </button>
                        <button class="button signatures-big" disabled={busy() === item.submissionId} onClick={() => giveBack(item.submissionId, item.stepIndex)}>
                          {t('signatures.return')}
                        </button>
                      </div>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={q().toIssue.length > 0}>
                <h2>{t('signatures.toIssue')}</h2>
                <ul class="signatures-list">
                  <For each={q().toIssue}>
                    {(item) => (
                      <li class="signatures-item" data-submission={item.submissionId}>
                        <a href={`/documents/${item.documentId}`} class="signatures-item__title">{item.title}</a>
                        <span class="signatures-item__meta">{item.documentType} · {t('signatures.waiting', { time: duration(item.waitSeconds * 1000) })}</span>
                        <div class="signatures-item__actions">
                          <button class="button button--primary signatures-big" disabled={busy() === item.submissionId} onClick={() => void act(item.submissionId, () => signaturesApi.issue(item.submissionId))}>
                            {t('signatures.issue')}
                          </button>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </section>
      <Show when={canViewProcessing(policyActor(me()))}>
        <ProcessingDashboard />
      </Show>
    </div>
  );
}
