/**
 * The CLI's commands, one file each under ./commands. A command is named by one or two words
 * (`migrate`, `user add`); later ones (`keys rotate`, `verify`) are one more line here.
 */
import type { ParseArgsConfig } from 'node:util';
import { departmentAdd } from './commands/department-add';
import { helpCommand } from './commands/help';
import { migrate } from './commands/migrate';
import { userAdd } from './commands/user-add';
import { verify } from './commands/verify';
import { keysList, keysRotate } from './commands/keys-rotate';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliCommand {
  /** One or two words, e.g. `department add`. */
  name: string;
  summary: string;
  /** Option lines shown by `help <command>`. */
  usage: string[];
  options: CliOptions;
  /** Accepts bare arguments (e.g. `verify bundle.json`), passed as `_positionals`. */
  positionals?: boolean;
  run(values: CliValues): Promise<void>;
}

/** Bad command line: printed with the command's usage; exit code 2. */
export class UsageError extends Error {}

export const commands: CliCommand[] = [migrate, departmentAdd, userAdd, verify, keysRotate, keysList];
commands.push(helpCommand(() => commands));

/** The command named by the leading words of `argv`, and the arguments after its name. */
export function resolveCommand(argv: readonly string[]): { command: CliCommand; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return null;
}
