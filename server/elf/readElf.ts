/**
 * A small, bounds-checked reader of 64-bit little-endian ELF files: the file
 * header, the program header table, the PT_INTERP path and the DT_NEEDED
 * names. Every length and offset a header claims is checked against the file
 * before it is read (see `ElfSource`); anything malformed is an
 * `AppError('not_elf', 400)` naming the field. Shared by upload validation and
 * anything else that inspects binaries.
 */
import { AppError } from '../errors/AppError.ts';
import type { ElfSource } from './ElfSource.ts';

export const ELF64_HEADER_BYTES = 64;
export const ELF64_PHDR_BYTES = 56;
/** Linux's loader refuses a program header table above 64 KiB. */
export const MAX_PHDR_TABLE_BYTES = 65_536;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
/** Longest interpreter path accepted (PATH_MAX). */
const MAX_INTERP_BYTES = 4096;

export interface ElfHeader {
  /** 1 = ET_REL, 2 = ET_EXEC, 3 = ET_DYN, 4 = ET_CORE. */
  type: number;
  /** e_machine: 62 = x86-64, 183 = AArch64, … */
  machine: number;
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
}

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
}

const malformed = (message: string): AppError => new AppError('not_elf', 400, `Malformed ELF: ${message}`);

function u64(view: DataView, at: number, what: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed(`${what} (${v}) is out of range.`);
  return Number(v);
}

/** Reads and checks the ELF identification and file header. */
export async function readElfHeader(src: ElfSource): Promise<ElfHeader> {
  if (src.size === 0) throw new AppError('empty_upload', 400, 'The upload is empty (0 bytes).');
  const ident = await src.read(0, Math.min(16, src.size), 'ELF identification');
  if (ident.length < 16 || ident[0] !== 0x7f || ident[1] !== 0x45 || ident[2] !== 0x4c || ident[3] !== 0x46) {
    throw new AppError(
      'not_elf',
      400,
      'Not an ELF executable (no \\x7fELF magic). Upload a statically linked Linux x86-64 binary.',
    );
  }
  const elfClass = ident[4];
  const dataEncoding = ident[5];
  if (elfClass !== 2 || dataEncoding !== 1) {
    throw new AppError(
      'wrong_arch',
      400,
      `This ELF is ${elfClass === 1 ? '32-bit' : 'not 64-bit'}${dataEncoding === 2 ? ' big-endian' : ''}; the image runs on x86-64 (64-bit, little-endian).`,
    );
  }
  if (src.size < ELF64_HEADER_BYTES) throw new AppError('not_elf', 400, 'Truncated ELF header.');
  const h = await src.read(0, ELF64_HEADER_BYTES, 'ELF header');
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  return {
    type: view.getUint16(16, true),
    machine: view.getUint16(18, true),
    entry: u64(view, 24, 'e_entry'),
    phoff: u64(view, 32, 'e_phoff'),
    phentsize: view.getUint16(54, true),
    phnum: view.getUint16(56, true),
  };
}

/**
 * The program header table, after checking that its entry size is the ELF64
 * one, that it is no larger than Linux accepts, and that it lies in the file.
 */
export async function readProgramHeaders(src: ElfSource, header: ElfHeader): Promise<ProgramHeader[]> {
  const { phoff, phentsize, phnum } = header;
  if (phnum === 0) throw malformed('it has no program headers, so it cannot be executed.');
  if (phentsize !== ELF64_PHDR_BYTES) {
    throw malformed(
      `e_phentsize is ${phentsize}; a 64-bit ELF's program headers are ${ELF64_PHDR_BYTES} bytes.`,
    );
  }
  const tableBytes = phentsize * phnum;
  if (tableBytes > MAX_PHDR_TABLE_BYTES) {
    throw malformed(
      `e_phnum ${phnum} makes a ${tableBytes}-byte program header table (Linux runs at most ${MAX_PHDR_TABLE_BYTES}).`,
    );
  }
  if (phoff > src.size || tableBytes > src.size - phoff) {
    throw new AppError('not_elf', 400, 'Truncated ELF program header table.');
  }
  const table = await src.read(phoff, tableBytes, 'program header table');
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const out: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = i * phentsize;
    out.push({
      type: view.getUint32(at, true),
      flags: view.getUint32(at + 4, true),
      offset: u64(view, at + 8, `program header ${i} p_offset`),
      vaddr: u64(view, at + 16, `program header ${i} p_vaddr`),
      filesz: u64(view, at + 32, `program header ${i} p_filesz`),
      memsz: u64(view, at + 40, `program header ${i} p_memsz`),
    });
  }
  return out;
}

/** The dynamic loader a PT_INTERP header names, or undefined for a static binary. */
export async function readInterpreter(
  src: ElfSource,
  phdrs: readonly ProgramHeader[],
): Promise<string | undefined> {
  const interp = phdrs.find((p) => p.type === PT_INTERP);
  if (interp === undefined) return undefined;
  if (interp.filesz > MAX_INTERP_BYTES) throw malformed(`the PT_INTERP path is ${interp.filesz} bytes long.`);
  const bytes = await src.read(interp.offset, interp.filesz, 'PT_INTERP path');
  return cString(bytes, 0);
}

/** Maps a virtual address to a file offset through the PT_LOAD segments. */
function fileOffsetOf(phdrs: readonly ProgramHeader[], vaddr: number): number | undefined {
  for (const p of phdrs) {
    if (p.type === PT_LOAD && vaddr >= p.vaddr && vaddr - p.vaddr < p.filesz)
      return p.offset + (vaddr - p.vaddr);
  }
  return undefined;
}

/** The shared libraries (DT_NEEDED) a dynamic binary asks for, in order; [] when static. */
export async function readNeededLibraries(
  src: ElfSource,
  phdrs: readonly ProgramHeader[],
): Promise<string[]> {
  const dyn = phdrs.find((p) => p.type === PT_DYNAMIC);
  if (dyn === undefined) return [];
  const table = await src.read(dyn.offset, dyn.filesz - (dyn.filesz % 16), 'PT_DYNAMIC table');
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const needed: number[] = [];
  let strtab: number | undefined;
  let strsz: number | undefined;
  for (let at = 0; at + 16 <= table.length; at += 16) {
    const tag = view.getBigInt64(at, true);
    if (tag === BigInt(DT_NULL)) break;
    const val = u64(view, at + 8, 'dynamic entry value');
    if (tag === BigInt(DT_NEEDED)) needed.push(val);
    else if (tag === BigInt(DT_STRTAB)) strtab = val;
    else if (tag === BigInt(DT_STRSZ)) strsz = val;
  }
  if (needed.length === 0) return [];
  if (strtab === undefined || strsz === undefined) throw malformed('DT_NEEDED without a string table.');
  const strOffset = fileOffsetOf(phdrs, strtab);
  if (strOffset === undefined) throw malformed('the dynamic string table is not in any loaded segment.');
  const strings = await src.read(
    strOffset,
    Math.min(strsz, src.size - Math.min(strOffset, src.size)),
    'dynamic string table',
  );
  return needed.map((i) => {
    if (i >= strings.length) throw malformed(`DT_NEEDED name at ${i} is past the string table.`);
    return cString(strings, i);
  });
}

function cString(bytes: Uint8Array, start: number): string {
  let end = start;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}
