import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { AppError } from '../errors/AppError.ts';

export interface ElfInfo {
  /** 2 = ET_EXEC, 3 = ET_DYN (static-pie). */
  type: number;
  programHeaders: number;
}

const EM_X86_64 = 62;
const PT_INTERP = 3;
const ET_EXEC = 2;
const ET_DYN = 3;
const ELF64_HEADER = 64;
const MAX_PHNUM = 0xffff;

/** Reads `length` bytes at `offset`; fewer when the input is shorter. */
type Reader = (offset: number, length: number) => Promise<Uint8Array>;

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
  if (typeof input !== 'string')
    return inspect(async (o, l) => input.subarray(o, Math.min(input.length, o + l)));
  const fh = await open(input, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await inspect(async (offset, length) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    });
  } finally {
    await fh.close();
  }
}

async function inspect(read: Reader): Promise<ElfInfo> {
  const h = await read(0, ELF64_HEADER);
  if (h.length === 0) throw new AppError('empty_upload', 400, 'The upload is empty (0 bytes).');
  if (h.length < 16 || h[0] !== 0x7f || h[1] !== 0x45 || h[2] !== 0x4c || h[3] !== 0x46) {
    throw new AppError(
      'not_elf',
      400,
      'Not an ELF executable (no \\x7fELF magic). Upload a statically linked Linux x86-64 binary.',
    );
  }
  const elfClass = h[4];
  const dataEncoding = h[5];
  if (elfClass !== 2 || dataEncoding !== 1) {
    throw new AppError(
      'wrong_arch',
      400,
      `This ELF is ${elfClass === 1 ? '32-bit' : 'not 64-bit'}${dataEncoding === 2 ? ' big-endian' : ''}; the image runs on x86-64 (64-bit, little-endian).`,
    );
  }
  if (h.length < ELF64_HEADER) throw new AppError('not_elf', 400, 'Truncated ELF header.');
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const type = view.getUint16(16, true);
  const machine = view.getUint16(18, true);
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
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phnum === 0 || phentsize < 56 || phnum > MAX_PHNUM || !Number.isSafeInteger(phoff)) {
    throw new AppError(
      'not_elf',
      400,
      'This ELF has no usable program header table, so it cannot be executed.',
    );
  }
  const table = await read(phoff, phentsize * phnum);
  if (table.length < phentsize * phnum)
    throw new AppError('not_elf', 400, 'Truncated ELF program header table.');
  const tv = new DataView(table.buffer, table.byteOffset, table.byteLength);
  for (let i = 0; i < phnum; i++) {
    if (tv.getUint32(i * phentsize, true) === PT_INTERP) {
      throw new AppError(
        'dynamic_binary',
        400,
        `This binary is dynamically linked (it has a PT_INTERP program header naming a dynamic loader): it needs a libc that a scratch image does not have. ${STATIC_BUILD_HINT}`,
      );
    }
  }
  return { type, programHeaders: phnum };
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
