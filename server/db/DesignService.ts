import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Design } from '../../shared/design/types.ts';
import type { DesignSummary, StoredDesign } from '../../shared/api/types.ts';
import { AppError } from '../errors/AppError.ts';
import { DesignRepository, type DesignRow } from './DesignRepository.ts';

/** Same shape as shared `validateDesign` (without its optional context). */
export type ValidateDesign = (
  input: unknown,
) => { ok: true; design: Design } | { ok: false; issues: ReadonlyArray<{ path: string; message: string }> };

export type { DesignSummary };

export interface DeletedDesignSummary extends DesignSummary {
  deletedAt: string;
  restorableUntil: string;
}

/** A design as stored, with its revision (the wire shape of `GET /api/designs/:id`). */
export type SavedDesign = StoredDesign;

export interface SaveResult {
  id: string;
  revision: number;
  updatedAt: string;
}

export type UpdateResult =
  | ({ ok: true } & SaveResult)
  | {
      ok: false;
      current: { revision: number; updatedAt: string; design: Design };
      yours: { revision: number };
    };

export interface DesignServiceOptions {
  db: Database.Database;
  validate: ValidateDesign;
  /** Total image bytes of a design (the budget's `totalBytes`), stored at save for the list. */
  totalBytes: (design: Design) => number;
  now?: () => Date;
}

/** How long a deleted design can be restored. */
export const DESIGN_RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Design ids we hand out are `d_` + 16 hex; anything outside this shape is never looked up. */
const DESIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function assertDesignId(id: string): void {
  if (!DESIGN_ID.test(id)) {
    throw new AppError('invalid_id', 400, 'A design id is 1-64 letters, digits, "_" or "-".', 'id');
  }
}

/**
 * The design use cases: validation, revisions (optimistic locking) and the
 * 30-day soft delete. Routes only translate HTTP to these calls.
 */
export class DesignService {
  readonly #repo: DesignRepository;
  readonly #validate: ValidateDesign;
  readonly #totalBytes: (design: Design) => number;
  readonly #now: () => Date;

  constructor(opts: DesignServiceOptions) {
    this.#repo = new DesignRepository(opts.db);
    this.#validate = opts.validate;
    this.#totalBytes = opts.totalBytes;
    this.#now = opts.now ?? (() => new Date());
  }

  list(search?: string): DesignSummary[] {
    return this.#repo.list(search === undefined ? {} : { search }).map((r) => ({
      id: r.id,
      name: r.name,
      revision: r.revision,
      updatedAt: r.updated_at,
      totalBytes: r.total_bytes,
    }));
  }

  /** Deleted designs that can still be restored. */
  listDeleted(): DeletedDesignSummary[] {
    const cutoff = this.#restoreCutoff();
    return this.#repo
      .list({ deleted: true })
      .filter((r) => r.deleted_at !== null && r.deleted_at >= cutoff)
      .map((r) => ({
        id: r.id,
        name: r.name,
        revision: r.revision,
        updatedAt: r.updated_at,
        totalBytes: r.total_bytes,
        deletedAt: r.deleted_at ?? '',
        restorableUntil: new Date(Date.parse(r.deleted_at ?? '') + DESIGN_RESTORE_WINDOW_MS).toISOString(),
      }));
  }

  create(input: unknown): SaveResult {
    const design = this.#valid(input);
    const id = `d_${randomBytes(8).toString('hex')}`;
    const now = this.#now().toISOString();
    this.#repo.insert({
      id,
      name: design.name,
      designJson: JSON.stringify(design),
      totalBytes: this.#totalBytes(design),
      now,
    });
    return { id, revision: 1, updatedAt: now };
  }

  get(id: string): SavedDesign {
    const row = this.#live(id);
    return {
      id: row.id,
      revision: row.revision,
      updatedAt: row.updated_at,
      design: JSON.parse(row.design_json) as Design,
    };
  }

  /** `ifMatch` is the revision the client edited, or `'*'` to overwrite whatever is there. */
  update(id: string, input: unknown, ifMatch: number | '*'): UpdateResult {
    const design = this.#valid(input);
    const current = this.#live(id);
    const now = this.#now().toISOString();
    const revision = this.#repo.updateIfRevision(id, ifMatch === '*' ? undefined : ifMatch, {
      name: design.name,
      designJson: JSON.stringify(design),
      totalBytes: this.#totalBytes(design),
      now,
    });
    if (revision === undefined) {
      const latest = this.#live(id);
      return {
        ok: false,
        current: {
          revision: latest.revision,
          updatedAt: latest.updated_at,
          design: JSON.parse(latest.design_json) as Design,
        },
        yours: { revision: ifMatch === '*' ? current.revision : ifMatch },
      };
    }
    return { ok: true, id, revision, updatedAt: now };
  }

  delete(id: string): { id: string; deletedAt: string; restorableUntil: string } {
    this.#live(id);
    const now = this.#now();
    this.#repo.softDelete(id, now.toISOString());
    return {
      id,
      deletedAt: now.toISOString(),
      restorableUntil: new Date(now.getTime() + DESIGN_RESTORE_WINDOW_MS).toISOString(),
    };
  }

  restore(id: string): SaveResult {
    assertDesignId(id);
    const row = this.#repo.get(id);
    if (row === undefined) throw notFound(id);
    if (row.deleted_at !== null && !this.#repo.restore(id, this.#restoreCutoff())) {
      throw new AppError(
        'restore_expired',
        410,
        `Design ${id} was deleted more than 30 days ago and can no longer be restored.`,
      );
    }
    return { id, revision: row.revision, updatedAt: row.updated_at };
  }

  /** Hard-deletes designs past the restore window; run at start. */
  purgeExpired(): number {
    return this.#repo.purgeDeletedBefore(this.#restoreCutoff());
  }

  #restoreCutoff(): string {
    return new Date(this.#now().getTime() - DESIGN_RESTORE_WINDOW_MS).toISOString();
  }

  #valid(input: unknown): Design {
    const result = this.#validate(input);
    if (result.ok) return result.design;
    const first = result.issues[0];
    const message = result.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    throw new AppError('invalid_design', 400, message || 'invalid design', first?.path ?? '');
  }

  #live(id: string): DesignRow {
    assertDesignId(id);
    const row = this.#repo.get(id);
    if (row === undefined) throw notFound(id);
    if (row.deleted_at !== null) {
      throw new AppError(
        'design_deleted',
        404,
        `Design ${id} was deleted at ${row.deleted_at}; POST /api/designs/${id}/restore brings it back within 30 days.`,
      );
    }
    return row;
  }
}

const notFound = (id: string): AppError => new AppError('design_not_found', 404, `No design with id ${id}.`);
