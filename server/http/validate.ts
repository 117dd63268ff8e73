/**
 * Request validation with zod; failures become 400s that name the offending fields.
 * Every body and query is first scanned for NUL characters: Postgres refuses `\u0000` in text, so
 * one reaching a query would be a 500 (or, in jsonb, be stored). It is a 400 naming the field.
 */
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { validationFailed } from '../errors';

const describe = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));

/** Paths (dot-joined) of every string, or object key, holding a NUL character. */
export function nulPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push([...path, key.replaceAll('\u0000', '\\u0000')].join('.'));
      nulPaths(item, [...path, key], found);
    }
  }
  return found;
}

const check = <T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> => {
  const withNul = nulPaths(value);
  if (withNul.length > 0) {
    const issues = withNul.map((path) => ({ path, message: 'must not contain a NUL character (\\u0000)' }));
    throw validationFailed(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = describe(result.error);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw validationFailed(`Invalid ${what}: ${summary}`, issues);
  }
  return result.data;
};

export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', (value) => check(schema, value, 'request body'));

export const queryParams = <T extends z.ZodType>(schema: T) =>
  validator('query', (value) => check(schema, value, 'query'));
