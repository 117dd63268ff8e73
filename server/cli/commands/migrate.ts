/** `codraft migrate`: apply pending database migrations (the server also does this on start). */
import { withDatabase } from '../database';
import type { CliCommand } from '../registry';

export const migrate: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: [],
  options: {},
  run: () =>
    withDatabase(async (_db, where) => {
      console.log(`Migrations applied to the ${where}.`);
    }),
};
