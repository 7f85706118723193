/**
 * `lago-grey <command>`: dispatch, help, and the one place where any failure
 * becomes a single stderr line and an exit code (never a stack trace).
 */
import { isAppError } from '../errors/AppError.ts';
import { CliError, EXIT, EXIT_CODES_HELP } from './CliError.ts';
import type { CliIo } from './cliIo.ts';
import { BUILD_HELP, CHECK_HELP, CONTAINERFILE_HELP, KEYS_HELP, VERIFY_HELP } from './help.ts';

export const VERSION = '0.1.0';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

// Loaded on demand: `build` pulls in the whole build pipeline, `check` only shared/.
const COMMANDS: Record<string, { load: () => Promise<Command>; help: string }> = {
  check: { load: async () => (await import('./commands/check.ts')).checkCommand, help: CHECK_HELP },
  build: { load: async () => (await import('./commands/build.ts')).buildCommand, help: BUILD_HELP },
  containerfile: {
    load: async () => (await import('./commands/containerfile.ts')).containerfileCommand,
    help: CONTAINERFILE_HELP,
  },
  verify: { load: async () => (await import('./commands/verify.ts')).verifyCommand, help: VERIFY_HELP },
  keys: { load: async () => (await import('./commands/keys.ts')).keysCommand, help: KEYS_HELP },
};

export const MAIN_HELP = `Usage: lago-grey <command> [options]

Design checks, reproducible builds, SBOMs and post-quantum signatures for
Lago Grey images, in CI, without a server.

Commands:
  check <design.json>                           budget, findings and dive's CI gates (exit 1 when a gate fails)
  build <design.json> -o <image.tar>            build the image; --sbom spdx,cyclonedx and --sign add SBOMs and a bundle
  containerfile <design.json>                   print the Containerfile
  verify <image.tar> <bundle.json> --keys <k>   verify ML-DSA-87 + Ed448 + SLH-DSA signatures (fail closed)
  keys                                          print the public keys (same JSON as GET /api/keys)

Run "lago-grey <command> --help" for a command's options and examples.

Examples:
  npx lago-grey check design.json --json
  npx lago-grey build design.json -o image.tar --sbom spdx,cyclonedx --sign
  npx lago-grey verify image.tar image.signature.json --keys keys.json

${EXIT_CODES_HELP}`;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      if (topic !== undefined) {
        const cmd = COMMANDS[topic];
        if (!cmd)
          throw new CliError(
            EXIT.usage,
            `unknown command "${topic}" (commands: ${Object.keys(COMMANDS).join(', ')})`,
          );
        io.stdout(`${cmd.help}\n\n${EXIT_CODES_HELP}\n`);
        return EXIT.ok;
      }
      if (first === undefined)
        throw new CliError(
          EXIT.usage,
          `missing command (commands: ${Object.keys(COMMANDS).join(', ')}; see lago-grey --help)`,
        );
      io.stdout(`${MAIN_HELP}\n`);
      return EXIT.ok;
    }
    if (first === '--version' || first === '-V') {
      io.stdout(`lago-grey ${VERSION}\n`);
      return EXIT.ok;
    }
    const cmd = COMMANDS[first];
    if (!cmd) {
      throw new CliError(
        EXIT.usage,
        `unknown ${first.startsWith('-') ? 'option' : 'command'} "${first}" (commands: ${Object.keys(COMMANDS).join(', ')}; see lago-grey --help)`,
      );
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${cmd.help}\n`);
      return EXIT.ok;
    }
    return await (
      await cmd.load()
    )(rest, io);
  } catch (e) {
    const { code, message } = describeFailure(e);
    io.stderr(`lago-grey${first && COMMANDS[first] ? ` ${first}` : ''}: ${message}\n`);
    return code;
  }
}

function describeFailure(e: unknown): { code: number; message: string } {
  const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ').trim();
  if (e instanceof CliError) return { code: e.exitCode, message: oneLine(e.message) };
  if (isAppError(e)) return { code: EXIT.internal, message: oneLine(`${e.code}: ${e.message}`) };
  return {
    code: EXIT.internal,
    message: oneLine(`internal error: ${e instanceof Error ? e.message : String(e)}`),
  };
}
