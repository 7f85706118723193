/** `lago-grey keys`: prints the public keys of the data dir, exactly as GET /api/keys serves them. */
import { KEYS_HELP } from '../help.ts';
import { resolve } from 'node:path';
import { isAppError } from '../../errors/AppError.ts';
import { loadSigningKeys, publicKeysDocument } from '../../supply/signingKeys.ts';
import { CliError, EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';

export function keysCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('keys', args, {
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${KEYS_HELP}\n`);
    return Promise.resolve(EXIT.ok);
  }
  expectPositionals('keys', positionals, []);
  const dataDir = resolve(io.cwd, values['data-dir'] ?? (io.env.LAGO_DATA_DIR?.trim() || '.lago-grey'));
  try {
    io.stdout(`${JSON.stringify(publicKeysDocument(loadSigningKeys(dataDir, io.env.LAGO_SIGNING_KEYS || undefined)), null, 2)}\n`);
  } catch (e) {
    throw new CliError(EXIT.invalidKeys, isAppError(e) ? e.message : String(e));
  }
  return Promise.resolve(EXIT.ok);
}
