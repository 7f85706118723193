import type { z } from 'zod';
import { isCatalogId } from '../catalog/staticCatalogItems.ts';
import { isPlannedRef, isUploadRef } from './componentRefs.ts';
import { migrateDesign } from './migrateDesign.ts';
import { designSchema } from './schema.ts';
import type { Design } from './types.ts';
import { ValidationError, formatPath, type ValidationIssue } from './validationIssue.ts';

export { ValidationError, formatIssue, formatPath, type ValidationIssue } from './validationIssue.ts';

/** What validation may know beyond the static catalog. */
export interface ValidationContext {
  /**
   * Whether a non-planned reference names a component this side knows. Default:
   * static catalog ids and any syntactically valid `upload:sha256:<hex>`.
   * `planned:<slug>` refs are always checked against `design.planned` instead.
   */
  isKnownComponent?: (ref: string) => boolean;
}

export type ValidationResult = { ok: true; design: Design } | { ok: false; issues: ValidationIssue[] };

/** The default {@link ValidationContext.isKnownComponent}. */
export function isDefaultKnownComponent(ref: string): boolean {
  return isCatalogId(ref) || isUploadRef(ref);
}

/**
 * Validates (after migrating) an untrusted design document: structure via
 * `designSchema`, then known components, no component twice in one image, and
 * unique planned ids. Unknown keys are stripped. Issues name the exact path,
 * e.g. `layers[2].components[0]: unknown component "libfoo"`.
 */
export function validateDesign(input: unknown, ctx: ValidationContext = {}): ValidationResult {
  let migrated: unknown;
  try {
    migrated = migrateDesign(input);
  } catch (err) {
    if (err instanceof ValidationError) return { ok: false, issues: [...err.issues] };
    throw err;
  }
  const parsed = designSchema.safeParse(migrated);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error.issues) };
  // zod's optional output admits `undefined`; the schema guarantees the shape.
  const design = parsed.data as Design;
  const issues = semanticIssues(design, ctx);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, design };
}

/** Parses JSON text and validates it; malformed JSON is an issue at path `""`. */
export function parseDesignText(text: string, ctx?: ValidationContext): ValidationResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      issues: [{ path: '', code: 'malformed-json', message: `the design is not valid JSON (${detail})` }],
    };
  }
  return validateDesign(raw, ctx);
}

function semanticIssues(design: Design, ctx: ValidationContext): ValidationIssue[] {
  const known = ctx.isKnownComponent ?? isDefaultKnownComponent;
  const planned = new Set<string>();
  const issues: ValidationIssue[] = [];
  (design.planned ?? []).forEach((p, i) => {
    if (planned.has(p.id)) {
      issues.push({
        path: `planned[${i}].id`,
        code: 'duplicate-planned',
        message: `duplicate planned id "${p.id}"`,
      });
    }
    planned.add(p.id);
  });
  const seen = new Map<string, string>();
  design.layers.forEach((layer, li) => {
    layer.components.forEach((ref, ci) => {
      const path = `layers[${li}].components[${ci}]`;
      const first = seen.get(ref);
      if (first !== undefined) {
        issues.push({
          path,
          code: 'duplicate-component',
          message: `duplicate component "${ref}" (already at ${first}); a component may appear once per image`,
        });
        return;
      }
      seen.set(ref, path);
      if (isPlannedRef(ref)) {
        if (!planned.has(ref)) {
          issues.push({
            path,
            code: 'unknown-component',
            message: `unknown planned component "${ref}" (declare it in planned)`,
          });
        }
      } else if (!known(ref)) {
        issues.push({ path, code: 'unknown-component', message: `unknown component "${ref}"` });
      }
    });
  });
  return issues;
}

function zodIssues(raw: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of raw) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
      // Record keys: the useful message is in the nested issues.
      const nested = zodIssues(issue.issues, path);
      out.push(
        ...(nested.length > 0
          ? nested
          : [{ path: formatPath(path), code: 'invalid', message: issue.message }]),
      );
      continue;
    }
    const tooManyLayers = issue.code === 'too_big' && path.length === 1 && path[0] === 'layers';
    out.push({
      path: formatPath(path),
      code: tooManyLayers ? 'too-many-layers' : 'invalid',
      message: issue.message,
    });
  }
  return out;
}
