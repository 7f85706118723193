/** `lago-grey verify image.tar bundle.json --keys keys.json`: fail-closed verification, no server. */
import { VERIFY_HELP } from '../help.ts';
import { resolve } from 'node:path';
import { isAppError } from '../../errors/AppError.ts';
import { parsePublicKeysDocument, type TrustedKeys } from '../../supply/signingKeys.ts';
import { verifyArchive } from '../../supply/verifyArchive.ts';
import { CliError, EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';
import { assertReadableFile, readJsonFile } from '../inputs.ts';

export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', args, {
    keys: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${VERIFY_HELP}\n`);
    return EXIT.ok;
  }
  const [imagePath = '', bundlePath = ''] = expectPositionals('verify', positionals, [
    '<image.tar>',
    '<bundle.json>',
  ]);
  if (typeof values.keys !== 'string')
    throw new CliError(
      EXIT.usage,
      '--keys <keys.json> is required (save GET /api/keys, or run lago-grey keys)',
    );
  const image = resolve(io.cwd, imagePath);
  await assertReadableFile(image, 'image');
  const bundle = await readJsonFile(resolve(io.cwd, bundlePath), 'bundle');
  const keysRaw = await readJsonFile(resolve(io.cwd, values.keys), 'keys');
  let trusted: TrustedKeys;
  try {
    trusted = parsePublicKeysDocument(keysRaw);
  } catch (e) {
    throw new CliError(EXIT.invalidKeys, `keys ${values.keys}: ${isAppError(e) ? e.message : String(e)}`);
  }
  const result = await verifyArchive(image, bundle, trusted);
  if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  if (!result.ok) {
    const corrupt = result.checks.some((c) => c.name === 'image' && !c.ok);
    throw new CliError(corrupt ? EXIT.imageCorrupt : EXIT.verificationFailed, result.reason);
  }
  if (!values.json) {
    const sigs = result.checks
      .filter((c) => ['ML-DSA-87', 'Ed448', 'SLH-DSA-SHA2-256f'].includes(c.name))
      .map((c) => `${c.name} ok`);
    io.stdout(`verified ${result.reference} ${result.payloadDigest}: ${sigs.join(', ')}\n`);
  }
  return EXIT.ok;
}
