/** `lago-grey keys`: prints the public keys of the data dir, exactly as GET /api/keys serves them. */
import { resolve } from 'node:path';
import { isAppError } from '../../errors/AppError.ts';
import { loadSigningKeys, publicKeysDocument } from '../../supply/signingKeys.ts';
import { CliError, EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';

export const KEYS_HELP = `Usage: lago-grey keys [--data-dir <dir>]

Prints the public signing keys (the same JSON as GET /api/keys) of
LAGO_SIGNING_KEYS, else of <data dir>/keys (created on first use), so that
"lago-grey build --sign" and "lago-grey verify" work without a server.

Options:
  --data-dir <dir>  default: $LAGO_DATA_DIR or ./.lago-grey
  -h, --help        this help

Examples:
  lago-grey keys > keys.json
  lago-grey verify image.tar image.signature.json --keys keys.json`;

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
    io.stdout(`${JSON.stringify(publicKeysDocument(loadSigningKeys(dataDir, io.env)), null, 2)}\n`);
  } catch (e) {
    throw new CliError(EXIT.invalidKeys, isAppError(e) ? e.message : String(e));
  }
  return Promise.resolve(EXIT.ok);
}
