/** Entry point of the `lago-grey` CLI (started by bin/lago-grey.mjs through tsx). */
import { runCli } from './runCli.ts';

const io = {
  stdout: (t: string) => void process.stdout.write(t),
  stderr: (t: string) => void process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
};

// Last line of defence: whatever escapes is still one line, never a stack.
process.on('uncaughtException', (e) => {
  process.stderr.write(`lago-grey: internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}\n`);
  process.exit(70);
});

process.exitCode = await runCli(process.argv.slice(2), io);
