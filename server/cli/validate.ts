/** Checks CLI input with the API's own zod schemas; failures name the option (`--email: …`). */
import type { z } from 'zod';
import { UsageError } from './registry';

export function parseInput<T extends z.ZodType>(schema: T, input: unknown, optionFor: (path: string) => string = (p) => p): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const message = i.code === 'invalid_type' && i.message.endsWith('received undefined') ? 'is required' : i.message;
    return `--${optionFor(String(i.path[0] ?? ''))}: ${message}`;
  });
  throw new UsageError(lines.join('\n'));
}
