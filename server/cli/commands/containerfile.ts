/** `lago-grey containerfile design.json`: prints the Containerfile the server would stage. */
import { CONTAINERFILE_HELP } from '../help.ts';
import { resolve } from 'node:path';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { generateContainerfile } from '../../../shared/containerfile/generateContainerfile.ts';
import { EXIT } from '../CliError.ts';
import { expectPositionals, parseCommandArgs, type CliIo } from '../cliIo.ts';
import { readDesignFile } from '../inputs.ts';

export async function containerfileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('containerfile', args, {
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${CONTAINERFILE_HELP}\n`);
    return EXIT.ok;
  }
  const [designPath = ''] = expectPositionals('containerfile', positionals, ['<design.json>']);
  const design = await readDesignFile(resolve(io.cwd, designPath));
  io.stdout(generateContainerfile(design, staticCatalogItems()));
  return EXIT.ok;
}
