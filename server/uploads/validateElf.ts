import { AppError } from '../errors/AppError.ts';
import { bytesSource, withFileSource, type ElfSource } from '../elf/ElfSource.ts';
import { PT_INTERP, readElfHeader, readProgramHeaders } from '../elf/readElf.ts';

export interface ElfInfo {
  /** 2 = ET_EXEC, 3 = ET_DYN (static-pie). */
  type: number;
  programHeaders: number;
}

const EM_X86_64 = 62;
const ET_EXEC = 2;
const ET_DYN = 3;

export const STATIC_BUILD_HINT =
  'A scratch-style image has no libc and no dynamic loader, so the binary must be statically linked. Build it with, for example: ' +
  '`zig build-exe main.zig -target x86_64-linux-musl -O ReleaseSmall`, ' +
  '`CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build`, ' +
  '`gcc -static -o app app.c` (or `musl-gcc -static`), ' +
  "or `RUSTFLAGS='-C target-feature=+crt-static' cargo build --release --target x86_64-unknown-linux-gnu`.";

/**
 * Accepts only what can run in a scratch image on x86-64: a 64-bit
 * little-endian x86-64 ELF executable with no PT_INTERP (no dynamic loader).
 * Takes the bytes or a file path (opened without following a symlink); only
 * the header and the program header table are read.
 */
export async function validateElf(input: Uint8Array | string): Promise<ElfInfo> {
  if (typeof input !== 'string') return inspect(bytesSource(input));
  return withFileSource(input, inspect);
}

async function inspect(src: ElfSource): Promise<ElfInfo> {
  const header = await readElfHeader(src);
  const { type, machine } = header;
  if (machine !== EM_X86_64) {
    throw new AppError(
      'wrong_arch',
      400,
      `This ELF is for machine ${machine} (${machineName(machine)}); the image runs on x86-64 (e_machine 62).`,
    );
  }
  if (type !== ET_EXEC && type !== ET_DYN) {
    throw new AppError(
      'not_executable',
      400,
      `This ELF is not an executable (e_type ${type}); upload a linked program, not an object file or core dump.`,
    );
  }
  const phdrs = await readProgramHeaders(src, header);
  if (phdrs.some((p) => p.type === PT_INTERP)) {
    throw new AppError(
      'dynamic_binary',
      400,
      `This binary is dynamically linked (it has a PT_INTERP program header naming a dynamic loader): it needs a libc that a scratch image does not have. ${STATIC_BUILD_HINT}`,
    );
  }
  return { type, programHeaders: phdrs.length };
}

function machineName(m: number): string {
  const names: Record<number, string> = {
    3: 'x86',
    40: 'ARM',
    183: 'AArch64',
    243: 'RISC-V',
    8: 'MIPS',
    21: 'PowerPC64',
    22: 's390',
  };
  return names[m] ?? 'unknown';
}
