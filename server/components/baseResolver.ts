/**
 * `generated`: the `lago-grey-base` root skeleton, following the distroless
 * conventions (PRODUCT.md §3). Its content is fixed (no design field, no
 * date), so its cache key and every digest built on it are reproducible.
 */
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { AppError } from '../errors/AppError.ts';
import type { ContentCache } from './ContentCache.ts';
import { sha256Hex } from './hashFile.ts';
import type { ComponentFile, ComponentResolver, ResolveContext, ResolvedComponent } from './types.ts';

/** Version of the skeleton; bump when its content changes. */
export const BASE_VERSION = '0.1.0';

export interface GeneratedEntry {
  path: string;
  type: 'file' | 'dir';
  mode: number;
  content?: string;
}

/**
 * The skeleton. Every entry is owned by 0:0 in the image: podman's COPY makes
 * all files root:root, and both engines must produce the same tree. So
 * `/home/nonroot` cannot be owned by 65532 as in distroless; it gets mode 1777
 * instead (like /tmp: anyone may create files, the sticky bit stops users
 * deleting each other's), so a process running as nonroot still has a
 * writable home.
 */
export function baseEntries(): GeneratedEntry[] {
  return [
    {
      path: '/etc/group',
      type: 'file',
      mode: 0o644,
      content: 'root:x:0:\ntty:x:5:\nstaff:x:50:\nnobody:x:65534:\nnonroot:x:65532:\n',
    },
    {
      path: '/etc/nsswitch.conf',
      type: 'file',
      mode: 0o644,
      content:
        'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n',
    },
    {
      path: '/etc/os-release',
      type: 'file',
      mode: 0o644,
      content:
        'NAME="Lago Grey"\nID=lago-grey\n' +
        `VERSION_ID="${BASE_VERSION}"\nPRETTY_NAME="Lago Grey ${BASE_VERSION} (minimal)"\n`,
    },
    {
      path: '/etc/passwd',
      type: 'file',
      mode: 0o644,
      content:
        'root:x:0:0:root:/root:/sbin/nologin\n' +
        'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' +
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    },
    { path: '/home', type: 'dir', mode: 0o755 },
    { path: '/home/nonroot', type: 'dir', mode: 0o1777 },
    { path: '/tmp', type: 'dir', mode: 0o1777 },
  ];
}

export function createBaseResolver(cache: ContentCache): ComponentResolver {
  return {
    async availability() {
      return { available: true };
    },
    async resolve(item: CatalogItem, ctx: ResolveContext): Promise<ResolvedComponent> {
      if (item.id !== 'lago-grey-base') {
        throw new AppError('invalid_component', 400, `no generator for component ${JSON.stringify(item.id)}`);
      }
      const entries = baseEntries();
      const specSha = sha256Hex(JSON.stringify({ v: BASE_VERSION, entries }));
      return cache.memo('generated', { id: item.id, specSha }, async () => {
        const files: ComponentFile[] = [];
        for (const e of entries) {
          if (e.type === 'dir') {
            files.push({ path: e.path, type: 'dir', mode: e.mode, size: 0 });
            continue;
          }
          const blob = await cache.putBytes(e.content ?? '');
          files.push({
            path: e.path,
            type: 'file',
            mode: e.mode,
            size: blob.size,
            sha256: blob.sha256,
            hostPath: blob.hostPath,
          });
        }
        files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        ctx.log('info', `generated ${item.id} ${BASE_VERSION}`);
        return {
          id: item.id,
          version: BASE_VERSION,
          // The "design" of a generated component is its own spec, not the image design.
          origin: { kind: 'generated', designSha256: specSha },
          files,
          contentBytes: files.reduce((n, f) => n + f.size, 0),
        };
      });
    },
  };
}
