/**
 * Syntax of component references: a catalog id (`hello`), an upload
 * (`upload:sha256:<64 lowercase hex>`) or a planned placeholder (`planned:<slug>`).
 */

/** A catalog id: lowercase, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const CATALOG_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** `upload:sha256:<64 lowercase hex>` */
export const UPLOAD_REF_RE = /^upload:sha256:[0-9a-f]{64}$/;
/** `planned:<slug>` */
export const PLANNED_REF_RE = /^planned:[a-z0-9][a-z0-9-]{0,63}$/;

/** Whether `ref` is a syntactically valid upload reference. */
export function isUploadRef(ref: string): boolean {
  return UPLOAD_REF_RE.test(ref);
}

/** Whether `ref` is a planned placeholder reference (syntax only). */
export function isPlannedRef(ref: string): boolean {
  return PLANNED_REF_RE.test(ref);
}

/** Whether `ref` is syntactically any kind of component reference. */
export function isComponentRefSyntax(ref: string): boolean {
  return CATALOG_ID_RE.test(ref) || UPLOAD_REF_RE.test(ref) || PLANNED_REF_RE.test(ref);
}
