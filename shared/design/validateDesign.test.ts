/* eslint-disable @typescript-eslint/no-explicit-any -- these tests build deliberately ill-typed documents */
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from './templates.ts';
import type { Design } from './types.ts';
import { ValidationError, formatIssue, parseDesignText, validateDesign } from './validateDesign.ts';

const UPLOAD = `upload:sha256:${'ab'.repeat(32)}`;

function valid(): Design {
  return structuredClone(TEMPLATES[0]!.design);
}

/** Validates `mutate(valid design)` and returns its issues as "path: message" lines. */
function issuesOf(mutate: (d: Record<string, any>) => void): string[] {
  const d = valid() as unknown as Record<string, any>;
  mutate(d);
  const r = validateDesign(d);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('validateDesign', () => {
  it('accepts the issue 2 example and every template', () => {
    const example = {
      schemaVersion: 1,
      name: 'lago-grey-minimal',
      tag: '0.1.0',
      targetBytes: 17500000,
      layers: [
        { name: 'base', components: ['lago-grey-base', 'ca-certificates'] },
        { name: 'crypto', components: ['libsodium', 'libargon2'] },
        { name: 'apps', components: ['hello', 'obli-pkg'] },
      ],
      config: {
        entrypoint: ['/usr/bin/hello'],
        cmd: [],
        user: '65532:65532',
        workdir: '/',
        env: { SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' },
        labels: {},
      },
    };
    expect(validateDesign(example)).toEqual({ ok: true, design: example });
    for (const t of TEMPLATES) expect(validateDesign(t.design).ok, t.id).toBe(true);
  });

  it('rejects ".." segments in workdir (issue 12), but not dots inside names', () => {
    for (const w of ['/..', '/app/../etc', '/app/..']) {
      expect(issuesOf((d) => (d.config.workdir = w))).toEqual([
        'config.workdir: workdir must not contain ".." segments',
      ]);
    }
    expect(issuesOf((d) => (d.config.workdir = '/app/..x/.hidden'))).toEqual([]);
  });

  it('names the path of an unknown component exactly', () => {
    expect(issuesOf((d) => (d.layers[2].components[0] = 'libfoo'))).toEqual([
      'layers[2].components[0]: unknown component "libfoo"',
    ]);
  });

  it('rejects the same component twice in one image, pointing at both places', () => {
    expect(issuesOf((d) => d.layers[2].components.push('libsodium'))).toEqual([
      'layers[2].components[2]: duplicate component "libsodium" (already at layers[1].components[0]); a component may appear once per image',
    ]);
  });

  it('rejects more than 64 layers but accepts 64', () => {
    const layers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `l${i}`, components: [] }));
    expect(issuesOf((d) => (d.layers = layers(64)))).toEqual([]);
    expect(issuesOf((d) => (d.layers = layers(65)))).toEqual(['layers: a design may have at most 64 layers']);
    expect(issuesOf((d) => (d.layers = []))).toEqual(['layers: a design needs at least one layer']);
  });

  it.each(['Lago', '-x', '', 'a'.repeat(65), 'a b', 'a/b', 'ünï'])('rejects image name %j', (name) => {
    expect(issuesOf((d) => (d.name = name))[0]).toMatch(/^name: image name must match/);
  });

  it.each(['a', '0', 'a.b_c-d', 'a'.repeat(64)])('accepts image name %j', (name) => {
    expect(issuesOf((d) => (d.name = name))).toEqual([]);
  });

  it.each(['', '.x', '-x', 'a b', 'a:b', 'x'.repeat(129)])('rejects tag %j', (tag) => {
    expect(issuesOf((d) => (d.tag = tag))[0]).toMatch(/^tag: tag must match/);
  });

  it.each(['latest', 'V1.0_rc-2', '_x', 'x'.repeat(128)])('accepts tag %j', (tag) => {
    expect(issuesOf((d) => (d.tag = tag))).toEqual([]);
  });

  it.each(['a\nb', 'tab\there', 'nul\0', 'del\u007f', 'sep\u2028', 'c1\u0085'])(
    'rejects a layer name with control characters: %j',
    (name) => {
      expect(issuesOf((d) => (d.layers[1].name = name))).toEqual([
        'layers[1].name: layer name must not contain control characters',
      ]);
    },
  );

  it('accepts unicode and punctuation in layer names', () => {
    expect(issuesOf((d) => (d.layers[1].name = 'Crypto «PQ» # $HOME "x"'))).toEqual([]);
  });

  it.each([
    [-1, 'must not be negative'],
    [1.5, 'must be a whole number'],
    [Number.NaN, 'must be a finite number'],
    [Infinity, 'must be a finite number'],
    [10_000_000_001, 'must be at most 10 GB'],
    ['17500000', 'must be a finite number'],
  ])('rejects targetBytes %s', (targetBytes, why) => {
    const issues = issuesOf((d) => (d.targetBytes = targetBytes));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(`targetBytes: targetBytes ${why}`);
  });

  it('accepts targetBytes 0 and exactly 10 GB', () => {
    expect(issuesOf((d) => (d.targetBytes = 0))).toEqual([]);
    expect(issuesOf((d) => (d.targetBytes = 10_000_000_000))).toEqual([]);
  });

  it('rejects an entrypoint or cmd that is not an array of strings', () => {
    expect(issuesOf((d) => (d.config.entrypoint = '/usr/bin/hello'))).toEqual([
      'config.entrypoint: entrypoint must be an array of strings',
    ]);
    expect(issuesOf((d) => (d.config.cmd = ['ok', 3]))).toEqual(['config.cmd[1]: cmd item must be a string']);
    expect(issuesOf((d) => (d.config.cmd = null))).toEqual(['config.cmd: cmd must be an array of strings']);
  });

  it('rejects newline or NUL in env keys and values and in label values', () => {
    expect(issuesOf((d) => (d.config.env = { 'A\nB': 'x' }))).toEqual([
      'config.env["A\\nB"]: env key must match [A-Za-z_][A-Za-z0-9_.-]*',
    ]);
    expect(issuesOf((d) => (d.config.env = { A: 'x\ny' }))).toEqual([
      'config.env.A: env value must not contain a newline or NUL',
    ]);
    expect(issuesOf((d) => (d.config.env = { A: 'x\0' }))).toEqual([
      'config.env.A: env value must not contain a newline or NUL',
    ]);
    expect(issuesOf((d) => (d.config.env = { A: 'x\u2028y' }))).toEqual([
      'config.env.A: env value must not contain a newline or NUL',
    ]);
    expect(issuesOf((d) => (d.config.labels = { 'com.example.x': 'a\r\nb' }))).toEqual([
      'config.labels["com.example.x"]: label value must not contain a newline or NUL',
    ]);
    expect(issuesOf((d) => (d.config.labels = { 'org.lago-grey.design.sha256': 'forged' }))).toEqual([
      'config.labels["org.lago-grey.design.sha256"]: label org.lago-grey.design.sha256 is reserved',
    ]);
  });

  it.each(['nonroot', 'root', '0', '65532', '65532:65532', '_apt'])('accepts user %j', (user) => {
    expect(issuesOf((d) => (d.config.user = user))).toEqual([]);
  });

  it.each(['', 'a:b', 'nonroot:nonroot', '1:', ':1', '-1', 'Root', 'a b', '1:2:3'])(
    'rejects user %j',
    (user) => {
      expect(issuesOf((d) => (d.config.user = user))).toEqual([
        'config.user: user must be a name, a uid or uid:gid (e.g. "65532:65532")',
      ]);
    },
  );

  it('rejects a relative or unsafe workdir', () => {
    expect(issuesOf((d) => (d.config.workdir = 'home'))[0]).toMatch(
      /^config.workdir: workdir must be an absolute path/,
    );
    expect(issuesOf((d) => (d.config.workdir = '/a b'))[0]).toMatch(/^config.workdir/);
    expect(issuesOf((d) => (d.config.workdir = '/$HOME'))[0]).toMatch(/^config.workdir/);
  });

  it('knows uploads by syntax and planned refs by declaration', () => {
    expect(issuesOf((d) => d.layers[2].components.push(UPLOAD))).toEqual([]);
    expect(issuesOf((d) => d.layers[2].components.push('upload:sha256:abc'))).toEqual([
      'layers[2].components[2]: invalid component reference "upload:sha256:abc"',
    ]);
    expect(issuesOf((d) => d.layers[2].components.push('planned:myapp'))).toEqual([
      'layers[2].components[2]: unknown planned component "planned:myapp" (declare it in planned)',
    ]);
    expect(
      issuesOf((d) => {
        d.planned = [{ id: 'planned:myapp', name: 'My app', estimatedBytes: 3_000_000 }];
        d.layers[2].components.push('planned:myapp');
      }),
    ).toEqual([]);
    expect(
      issuesOf((d) => {
        d.planned = [
          { id: 'planned:a', name: 'A', estimatedBytes: 1 },
          { id: 'planned:a', name: 'B', estimatedBytes: 2 },
        ];
      }),
    ).toEqual(['planned[1].id: duplicate planned id "planned:a"']);
  });

  it('uses the context to decide which components exist', () => {
    const d = valid();
    const r = validateDesign(d, { isKnownComponent: (ref) => ref !== 'hello' });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      'layers[2].components[0]: unknown component "hello"',
    ]);
    expect(
      validateDesign(
        { ...d, layers: [{ name: 'x', components: [UPLOAD] }] },
        { isKnownComponent: () => false },
      ).ok,
    ).toBe(false);
  });

  it('strips unknown keys instead of rejecting them', () => {
    const r = validateDesign({ ...valid(), extra: 1, layers: [{ name: 'a', components: [], color: 'red' }] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.design).not.toHaveProperty('extra');
      expect(r.design.layers[0]).toEqual({ name: 'a', components: [] });
    }
  });

  it('reports a non-object and a missing version with paths', () => {
    expect(validateDesign(null)).toMatchObject({ ok: false, issues: [{ path: '' }] });
    const { schemaVersion: _v, ...noVersion } = valid();
    expect(validateDesign(noVersion)).toMatchObject({
      ok: false,
      issues: [{ path: 'schemaVersion', message: 'schemaVersion must be 1' }],
    });
  });

  it('reports a future schema version clearly', () => {
    expect(validateDesign({ ...valid(), schemaVersion: 7 })).toEqual({
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          code: 'unsupported-version',
          message: 'design format version 7 is newer than this app supports (1); update Lago Grey Designer',
        },
      ],
    });
  });
});

describe('parseDesignText', () => {
  it('parses and validates JSON text', () => {
    expect(parseDesignText(JSON.stringify(valid()))).toEqual({ ok: true, design: valid() });
  });

  it('turns malformed JSON into an issue at the root', () => {
    const r = parseDesignText('{"schemaVersion": 1,');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ path: '', code: 'malformed-json' });
      expect(r.issues[0]?.message).toMatch(/^the design is not valid JSON/);
    }
  });
});

describe('ValidationError', () => {
  it('carries the issues and a readable message', () => {
    const e = new ValidationError([
      { path: 'tag', message: 'bad' },
      { path: '', message: 'worse' },
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('tag: bad; worse');
    expect(e.issues).toHaveLength(2);
  });
});
