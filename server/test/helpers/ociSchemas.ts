/**
 * Validates OCI JSON documents against the official image-spec schemas kept
 * in `server/test/fixtures/schemas/oci-image-spec` (draft-04). Ajv speaks
 * draft-07+, so the draft-04 `id`s are dropped and each file gets a stable
 * `$id` of its file name, which keeps the relative `$ref`s ("defs.json#…")
 * resolvable.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SCHEMA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/schemas/oci-image-spec',
);

function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if ((k === 'id' && typeof v === 'string') || k === '$schema') continue;
    out[k] =
      k === 'properties' || k === 'definitions' || k === 'patternProperties' ? mapValues(v) : stripIds(v);
  }
  return out;
}

function mapValues(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, s]) => [k, stripIds(s)]));
}

let ajv: Ajv | undefined;

function load(): Ajv {
  if (ajv) return ajv;
  const a = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS; under ESM its function sits on `default`.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
    x: Ajv,
  ) => void;
  addFormats(a);
  for (const f of readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.json'))) {
    const schema = stripIds(JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8'))) as Record<
      string,
      unknown
    >;
    a.addSchema({ ...schema, $id: `https://lago-grey.test/oci/${f}` });
  }
  ajv = a;
  return a;
}

export type OciSchemaName =
  | 'image-manifest-schema.json'
  | 'config-schema.json'
  | 'image-index-schema.json'
  | 'image-layout-schema.json';

/** Error strings (empty when valid). */
export function ociSchemaErrors(schema: OciSchemaName, doc: unknown): string[] {
  const validate = load().getSchema(`https://lago-grey.test/oci/${schema}`) as ValidateFunction | undefined;
  if (!validate) throw new Error(`schema ${schema} not found in ${SCHEMA_DIR}`);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'invalid'}`);
}
