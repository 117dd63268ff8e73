/** `codraft help [command]`: list the commands, or show one command's options. */
import type { CliCommand } from '../registry';

export function usageOf(command: CliCommand): string {
  const options = command.usage.map((line) => `    ${line}`);
  return [`codraft ${command.name}${command.usage.length ? ' [options]' : ''}`, `  ${command.summary}`, ...options].join('\n');
}

export function overview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: codraft <command> [options]   (or: npm run codraft -- <command> [options])',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (DATABASE_URL, DATA_DIR, …; see the README).',
    'With the embedded database, stop the server before running a command that opens it.',
    "Run 'codraft help <command>' for a command's options.",
  ].join('\n');
}

export const helpCommand = (all: () => readonly CliCommand[]): CliCommand => ({
  name: 'help',
  summary: 'Show this help, or the options of one command',
  usage: ['<command>   e.g. help user add'],
  options: {},
  run: async (values) => {
    const words = (values._positionals as string[] | undefined) ?? [];
    const command = all().find((c) => c.name === words.join(' '));
    console.log(command ? usageOf(command) : overview(all()));
  },
});
