/**
 * Where ELF bytes come from: a buffer or an open file. Every read is checked
 * against the known size before any buffer is allocated, so a header that
 * claims gigabytes can never make us allocate or read them (a read of more
 * than 2^31 bytes used to abort Node itself).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { AppError } from '../errors/AppError.ts';

/** The most any one ELF read may ask for; headers and tables are far smaller. */
export const MAX_ELF_READ = 1 << 20;

export interface ElfSource {
  /** Bytes in the input. */
  readonly size: number;
  /**
   * Exactly `length` bytes at `offset`. Throws `AppError('not_elf')`, naming
   * `what`, when the range is not wholly inside the input or is too large.
   */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
}

/** Refuses a range that is not an in-bounds, modest slice of the input. */
export function checkRange(size: number, offset: number, length: number, what: string): void {
  const ok =
    Number.isSafeInteger(offset) &&
    Number.isSafeInteger(length) &&
    offset >= 0 &&
    length >= 0 &&
    length <= MAX_ELF_READ &&
    offset <= size &&
    length <= size - offset;
  if (!ok) {
    throw new AppError(
      'not_elf',
      400,
      `Malformed ELF: the ${what} (${length} bytes at offset ${offset}) lies outside the ${size}-byte file.`,
    );
  }
}

export function bytesSource(bytes: Uint8Array): ElfSource {
  return {
    size: bytes.length,
    read: async (offset, length, what) => {
      checkRange(bytes.length, offset, length, what);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/**
 * Opens `file` without following a symlink, takes its size from the open
 * descriptor (so it cannot change between check and read) and hands a
 * bounds-checked source to `use`.
 */
export async function withFileSource<T>(file: string, use: (src: ElfSource) => Promise<T>): Promise<T> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const { size } = await fh.stat();
    return await use({
      size,
      read: async (offset, length, what) => {
        checkRange(size, offset, length, what);
        const buf = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await fh.read(buf, done, length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        // The file shrank under us: treat it like a truncated file.
        if (done < length) checkRange(offset + done, offset, length, what);
        return buf;
      },
    });
  } finally {
    await fh.close();
  }
}
