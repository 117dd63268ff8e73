/**
 * `npm run codraft -- <command>` / `codraft <command>`: administration from the command line.
 * Exit codes: 0 done, 1 the command failed (e.g. database in use, duplicate), 2 bad usage or config.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { DatabaseInUseError } from '../db/data-dir-lock';
import { AppError } from '../errors';
import { usageOf } from './commands/help';
import { resolveCommand, UsageError } from './registry';

async function run(argv: string[]): Promise<number> {
  const resolved = resolveCommand(argv.length && !argv[0]!.startsWith('-') ? argv : ['help']);
  if (!resolved) {
    console.error(`Unknown command: ${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}\nRun 'codraft help' for the list.`);
    return 2;
  }
  const { command, rest } = resolved;
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(usageOf(command));
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.name === 'help' || command.positionals === true });
    await command.run({ ...values, _positionals: positionals });
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${usageOf(command)}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof DatabaseInUseError || error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

try {
  process.exit(await run(process.argv.slice(2)));
} catch (error) {
  console.error('codraft: unexpected error:', error);
  process.exit(1);
}
