import { z } from 'zod';
import { isComponentRefSyntax } from './componentRefs.ts';
import { SCHEMA_VERSION } from './types.ts';

/** Most layers a design may have (each is one image layer). */
export const MAX_LAYERS = 64;
/** Largest allowed `targetBytes` (10 GB, decimal). */
export const MAX_TARGET_BYTES = 10_000_000_000;
/** Label key reserved for the design hash the Containerfile generator writes. */
export const DESIGN_SHA_LABEL = 'org.lago-grey.design.sha256';

/** Image name: `[a-z0-9][a-z0-9._-]{0,63}`. */
export const IMAGE_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Image tag: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`. */
export const IMAGE_TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** `name` (POSIX-ish user name), `uid`, or `uid:gid`. */
export const USER_RE = /^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10}|\d{1,10}:\d{1,10})$/;
/** Absolute path made of characters that need no quoting in a Containerfile. */
export const WORKDIR_RE = /^\/[A-Za-z0-9._~@%+=:,/-]{0,4095}$/;
/** Env variable names; stricter than "no newline" so `ENV KEY=…` can never be misread. */
export const ENV_KEY_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** Label keys, reverse-DNS style (`org.opencontainers.image.title`). */
export const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$/;
/** Control characters and Unicode line/paragraph separators: they could break a line. */
export const CONTROL_OR_LINEBREAK_RE = /[\p{Cc}\u2028\u2029]/u;
/**
 * What env values, label values and exec arguments may not contain: newlines
 * (including CR, NEL and the Unicode line/paragraph separators, which editors
 * show as line breaks) and NUL.
 */
export const NEWLINE_OR_NUL_RE = /[\n\r\0\u0085\u2028\u2029]/;

const noNewline = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(4096, { error: `${what} is longer than 4096 characters` })
    .refine((s) => !NEWLINE_OR_NUL_RE.test(s), { error: `${what} must not contain a newline or NUL` });

const displayName = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} must not be empty` })
    .max(100, { error: `${what} is longer than 100 characters` })
    .refine((s) => !CONTROL_OR_LINEBREAK_RE.test(s), {
      error: `${what} must not contain control characters`,
    });

const bytes = (what: string) =>
  z
    .number({ error: `${what} must be a finite number of bytes` })
    .int({ error: `${what} must be a whole number of bytes` })
    .min(0, { error: `${what} must not be negative` })
    .max(MAX_TARGET_BYTES, { error: `${what} must be at most 10 GB (10000000000)` });

const componentRef = z
  .string({ error: 'component reference must be a string' })
  .refine(isComponentRefSyntax, {
    error: (iss) => `invalid component reference ${JSON.stringify(iss.input)}`,
  });

const stringArray = (what: string) =>
  z.array(noNewline(`${what} item`), { error: `${what} must be an array of strings` }).max(256, {
    error: `${what} has more than 256 items`,
  });

/** One stack layer. */
export const layerSchema = z.object({
  name: displayName('layer name'),
  components: z.array(componentRef, { error: 'components must be an array of component references' }),
});

/** A planned placeholder (`planned:<slug>`) counted by its estimate. */
export const plannedSchema = z.object({
  id: z.string().regex(/^planned:[a-z0-9][a-z0-9-]{0,63}$/, {
    error: 'planned id must look like "planned:my-thing"',
  }),
  name: displayName('planned name'),
  estimatedBytes: bytes('estimatedBytes'),
});

/** Image config: everything the Containerfile writes after the layers. */
export const configSchema = z.object({
  entrypoint: stringArray('entrypoint'),
  cmd: stringArray('cmd'),
  user: z.string({ error: 'user must be a string' }).regex(USER_RE, {
    error: 'user must be a name, a uid or uid:gid (e.g. "65532:65532")',
  }),
  workdir: z
    .string({ error: 'workdir must be a string' })
    .regex(WORKDIR_RE, {
      error: 'workdir must be an absolute path of letters, digits and ._~@%+=:,/- (e.g. "/home/nonroot")',
    })
    .refine((w) => !w.split('/').includes('..'), { error: 'workdir must not contain ".." segments' }),
  env: z.record(
    z.string().regex(ENV_KEY_RE, { error: 'env key must match [A-Za-z_][A-Za-z0-9_.-]*' }),
    noNewline('env value'),
    { error: 'env must be an object of strings' },
  ),
  labels: z.record(
    z
      .string()
      .regex(LABEL_KEY_RE, { error: 'label key must match [A-Za-z0-9][A-Za-z0-9._/-]*' })
      .refine((k) => k !== DESIGN_SHA_LABEL, { error: `label ${DESIGN_SHA_LABEL} is reserved` }),
    noNewline('label value'),
    { error: 'labels must be an object of strings' },
  ),
});

/**
 * The structural schema of a design (zod v4). Unknown keys are stripped, not
 * rejected, so files written by a newer minor version still open. Cross-field
 * rules (known components, no duplicates, planned refs declared) live in
 * `validateDesign`, which is what callers should use.
 */
export const designSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `schemaVersion must be ${SCHEMA_VERSION}` }),
  name: z.string({ error: 'name must be a string' }).regex(IMAGE_NAME_RE, {
    error: 'image name must match [a-z0-9][a-z0-9._-]{0,63} (e.g. "lago-grey")',
  }),
  tag: z.string({ error: 'tag must be a string' }).regex(IMAGE_TAG_RE, {
    error: 'tag must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127} (e.g. "0.1.0")',
  }),
  targetBytes: bytes('targetBytes'),
  layers: z
    .array(layerSchema, { error: 'layers must be an array' })
    .min(1, { error: 'a design needs at least one layer' })
    .max(MAX_LAYERS, { error: `a design may have at most ${MAX_LAYERS} layers` }),
  config: configSchema,
  planned: z.array(plannedSchema).max(256).optional(),
});
