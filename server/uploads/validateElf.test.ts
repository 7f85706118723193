import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateElf } from './validateElf.ts';

/** A minimal ELF64 header plus program headers, enough for the checks. */
function elf(
  opts: { cls?: number; data?: number; machine?: number; type?: number; phTypes?: number[] } = {},
): Buffer {
  const phTypes = opts.phTypes ?? [1];
  const buf = Buffer.alloc(64 + 56 * phTypes.length);
  buf.set([0x7f, 0x45, 0x4c, 0x46, opts.cls ?? 2, opts.data ?? 1, 1], 0);
  buf.writeUInt16LE(opts.type ?? 2, 16);
  buf.writeUInt16LE(opts.machine ?? 62, 18);
  buf.writeBigUInt64LE(64n, 32);
  buf.writeUInt16LE(56, 54);
  buf.writeUInt16LE(phTypes.length, 56);
  phTypes.forEach((t, i) => buf.writeUInt32LE(t, 64 + 56 * i));
  return buf;
}

const code = async (input: Uint8Array | string): Promise<string> =>
  validateElf(input).then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'no code',
  );

describe('validateElf', () => {
  it('accepts a static x86-64 executable and a static-pie (ET_DYN without PT_INTERP)', async () => {
    expect(await code(elf())).toBe('ok');
    expect(await code(elf({ type: 3, phTypes: [6, 1, 2] }))).toBe('ok');
  });

  it('rejects a dynamically linked system binary from its file (/bin/ls has PT_INTERP)', async () => {
    await expect(validateElf('/bin/ls')).rejects.toMatchObject({
      code: 'dynamic_binary',
      status: 400,
      message: expect.stringMatching(
        /libc.*scratch[\s\S]*x86_64-linux-musl[\s\S]*CGO_ENABLED=0[\s\S]*-static[\s\S]*crt-static/,
      ),
    });
  });

  it('rejects a synthetic header with PT_INTERP', async () => {
    expect(await code(elf({ phTypes: [6, 3, 1] }))).toBe('dynamic_binary');
  });

  it('rejects other architectures, 32-bit and big-endian ELF', async () => {
    expect(await code(elf({ machine: 183 }))).toBe('wrong_arch');
    expect(await code(elf({ cls: 1 }))).toBe('wrong_arch');
    expect(await code(elf({ data: 2 }))).toBe('wrong_arch');
  });

  it('rejects non-ELF input, truncated headers, object files and empty input', async () => {
    expect(await code(randomBytes(4096).fill(0, 0, 1))).toBe('not_elf');
    expect(await code(Buffer.from('#!/bin/sh\necho hi\n'))).toBe('not_elf');
    expect(await code(elf().subarray(0, 40))).toBe('not_elf');
    expect(await code(elf().subarray(0, 80))).toBe('not_elf');
    expect(await code(elf({ type: 1 }))).toBe('not_executable');
    expect(await code(new Uint8Array(0))).toBe('empty_upload');
  });

  it('does not follow a symlink when given a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lago-elf-'));
    try {
      writeFileSync(join(dir, 'real'), elf());
      symlinkSync(join(dir, 'real'), join(dir, 'link'));
      expect(await code(join(dir, 'real'))).toBe('ok');
      await expect(validateElf(join(dir, 'link'))).rejects.toMatchObject({ code: 'ELOOP' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
