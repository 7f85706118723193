import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParams } from '../../shared/testing/fcParams.ts';
import { AppError } from '../errors/AppError.ts';
import { validateElf } from '../uploads/validateElf.ts';
import { bytesSource, MAX_ELF_READ, type ElfSource } from './ElfSource.ts';
import { readElfHeader, readInterpreter, readNeededLibraries, readProgramHeaders } from './readElf.ts';

const FIXTURES = join(import.meta.dirname, '../test/fixtures/uploads');
const HELLO = new Uint8Array(readFileSync(join(FIXTURES, 'static-hello.elf')));
const LS = new Uint8Array(readFileSync('/bin/ls'));

/** Wraps a source and records every read it actually served. */
function recording(bytes: Uint8Array): { src: ElfSource; served: Array<[number, number]> } {
  const inner = bytesSource(bytes);
  const served: Array<[number, number]> = [];
  return {
    served,
    src: {
      size: inner.size,
      read: async (offset, length, what) => {
        const out = await inner.read(offset, length, what);
        served.push([offset, length]);
        return out;
      },
    },
  };
}

/** Everything the reader offers, run end to end; only AppError may escape. */
async function readAll(src: ElfSource): Promise<void> {
  const h = await readElfHeader(src);
  const p = await readProgramHeaders(src, h);
  await readInterpreter(src, p);
  await readNeededLibraries(src, p);
}

async function onlyAppErrors(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.status).toBe(400);
  }
}

/** Overwrites header/program-header fields with arbitrary (often absurd) values. */
const mutationArb = fc.array(
  fc.record({
    // Focus on the header and the first program headers, where every length lives.
    at: fc.nat({ max: 64 + 56 * 8 - 1 }),
    bytes: fc.oneof(
      fc.constantFrom(
        [0xff, 0xff],
        [0xff, 0xff, 0xff, 0xff],
        [0, 0],
        [0x38, 0],
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
      ),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
    ),
  }),
  { minLength: 1, maxLength: 6 },
);

function mutate(base: Uint8Array, muts: ReadonlyArray<{ at: number; bytes: readonly number[] }>): Uint8Array {
  const out = new Uint8Array(base);
  for (const m of muts) out.set(m.bytes.slice(0, Math.max(0, out.length - m.at)), m.at);
  return out;
}

describe('ELF reader fuzzing (seeded; replay with FC_SEED=<seed>)', () => {
  it('random bytes behind a valid magic: only AppError, and never a read outside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (tail) => {
        const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, ...tail]);
        const { src, served } = recording(bytes);
        await onlyAppErrors(() => readAll(src));
        for (const [o, l] of served) expect(o + l <= bytes.length && l <= MAX_ELF_READ).toBe(true);
        await onlyAppErrors(() => validateElf(bytes));
      }),
      fcParams(300),
    );
  });

  it('mutated headers of a real static binary and a real dynamic one: only AppError, reads stay inside', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(HELLO, LS),
        mutationArb,
        fc.nat({ max: 2 }),
        async (base, muts, cut) => {
          // Sometimes also truncate, so that tables run past the end.
          const mutated = mutate(base, muts);
          const bytes = cut === 0 ? mutated : mutated.subarray(0, Math.floor(mutated.length / (cut * 7)));
          const { src, served } = recording(bytes);
          await onlyAppErrors(() => readAll(src));
          for (const [o, l] of served) expect(o + l <= bytes.length && l <= MAX_ELF_READ).toBe(true);
          await onlyAppErrors(() => validateElf(bytes));
        },
      ),
      fcParams(400),
    );
  });

  describe('from files (the upload path)', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'lago-elf-fuzz-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('mutated headers written to disk: validateElf(path) rejects with AppError or accepts, never worse', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(mutationArb, async (muts) => {
          const file = join(dir, `f${n++}`);
          await writeFile(file, mutate(HELLO, muts));
          await onlyAppErrors(() => validateElf(file));
        }),
        fcParams(100),
      );
    });
  });
});

describe('ELF reader', () => {
  it('the crash file (e_phentsize = e_phnum = 0xFFFF) is a clear 400, from bytes and from its file', async () => {
    const file = join(FIXTURES, 'crash-phentsize-phnum-ffff.elf');
    for (const input of [file, new Uint8Array(readFileSync(file))]) {
      await expect(validateElf(input)).rejects.toMatchObject({
        code: 'not_elf',
        status: 400,
        message: expect.stringContaining('e_phentsize is 65535'),
      });
    }
  });

  it('a program header table past Linux’s 64 KiB or past the end of the file is refused before reading', async () => {
    const big = new Uint8Array(HELLO);
    new DataView(big.buffer).setUint16(56, 1200, true);
    await expect(validateElf(big)).rejects.toMatchObject({ message: expect.stringContaining('65536') });
    const far = new Uint8Array(HELLO);
    new DataView(far.buffer).setBigUint64(32, 2n ** 40n, true);
    await expect(validateElf(far)).rejects.toMatchObject({ message: 'Truncated ELF program header table.' });
  });

  it('reads PT_INTERP and DT_NEEDED of a real dynamic binary, and none of a static one', async () => {
    const { src } = recording(LS);
    const p = await readProgramHeaders(src, await readElfHeader(src));
    expect(await readInterpreter(src, p)).toMatch(/^\/lib.*\/ld-linux-x86-64\.so\.2$/);
    expect(await readNeededLibraries(src, p)).toContain('libc.so.6');
    const s = recording(HELLO).src;
    const sp = await readProgramHeaders(s, await readElfHeader(s));
    expect(await readInterpreter(s, sp)).toBeUndefined();
    expect(await readNeededLibraries(s, sp)).toEqual([]);
  });
});
