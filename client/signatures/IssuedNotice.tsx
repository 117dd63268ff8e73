/**
 * "Issued as 07/QĐ-UBND on 30/11/2026" on a draft that was issued (shown above its content; the
 * draft is read-only from then on). Reads the draft's submissions; shows nothing otherwise.
 */
import { createResource, Show } from 'solid-js';
import { t } from '../i18n/i18n';
import { signaturesApi } from './signatures-api';

const dmy = (isoDate: string) => isoDate.split('-').reverse().join('/');

export function IssuedNotice(props: { documentId: string }) {
  const [list] = createResource(() => props.documentId, (id) => signaturesApi.documentSubmissions(id).catch(() => null));
  const issued = () => list()?.submissions.find((s) => s.issued)?.issued ?? null;
  return (
    <Show when={issued()}>
      {(i) => (
        <p class="issued-notice" role="note" data-notation={i().notation}>
          {t('signatures.issuedAs', { notation: i().notation, date: dmy(i().issueDate) })}
        </p>
      )}
    </Show>
  );
}
