/** Path ids: anything that is not an id names nothing, so it is a 404 like an unknown id. */
import { validator } from 'hono/validator';
import { z } from 'zod';
import { notFound } from '../errors';
import { id } from '../../shared/api';

const params = z.object({ id });

/** Validates `:id`; `what` names the resource in the 404 message. */
export const idParam = (what: string) =>
  validator('param', (value) => {
    const parsed = params.safeParse(value);
    if (!parsed.success) throw notFound(what);
    return parsed.data;
  });
