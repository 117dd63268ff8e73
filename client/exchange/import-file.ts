/** Uploading a file to POST /api/documents/import (multipart: hono/client has no file helper we need). */
import { ApiError, NetworkError } from '../data/http';

export interface ImportAnswer {
  document: { id: string; title: string };
  dropped: { what: string; count: number }[];
  legacyEncodings: string[];
}

export async function importFile(file: File): Promise<ImportAnswer> {
  const form = new FormData();
  form.set('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/documents/import', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new NetworkError();
  }
  const body = (await res.json().catch(() => null)) as (ImportAnswer & { error?: { code: string; message: string } }) | null;
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`);
  return body!;
}

/** Where the browser downloads an export (the server names the file). */
export const exportUrl = (kind: 'documents' | 'versions', id: string, format: 'docx' | 'pdf' | 'md') => `/api/${kind}/${id}/export.${format}`;
