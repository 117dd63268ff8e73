/** Request validation with zod; failures become 400s that name the offending fields. */
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { validationFailed } from '../errors';

const describe = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));

const check = <T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> => {
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

export const pathParams = <T extends z.ZodType>(schema: T) =>
  validator('param', (value) => check(schema, value, 'path'));
