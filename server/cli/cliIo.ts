/** What a command may touch, so tests and the launcher can supply their own. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './CliError.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs, strict, with positionals; its errors become one-line
 * usage errors (exit 2) that name the command.
 */
export function parseCommandArgs<O extends Options>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = ((e as Error).message.split('\n')[0] ?? '').replace(
      /\. To specify a positional argument.*$/,
      '',
    );
    throw new CliError(EXIT.usage, `${msg} (see lago-grey ${command} --help)`);
  }
}

export function expectPositionals(command: string, positionals: string[], names: string[]): string[] {
  if (positionals.length < names.length) {
    throw new CliError(
      EXIT.usage,
      `missing ${names.slice(positionals.length).join(' and ')} (see lago-grey ${command} --help)`,
    );
  }
  if (positionals.length > names.length) {
    throw new CliError(
      EXIT.usage,
      `unexpected argument "${positionals[names.length]}" (see lago-grey ${command} --help)`,
    );
  }
  return positionals;
}
