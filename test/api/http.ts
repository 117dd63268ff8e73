/** A small fetch wrapper for the API tests: JSON in, status + parsed JSON + headers out. */
import type { TestServer } from '../support/server';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  cookie?: string;
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call<T = any>(server: Pick<TestServer, 'url'>, method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** The `name=value` part of a Set-Cookie header for the session cookie, usable as a Cookie header. */
export function sessionCookieFrom(headers: Headers): string | undefined {
  const line = headers.getSetCookie().find((l) => l.startsWith('codraft_session='));
  return line?.split(';')[0];
}
