/** One problem found in a design, with the path of the offending value. */
export interface ValidationIssue {
  /** e.g. `layers[2].components[0]`; `""` for the whole document. */
  path: string;
  /** e.g. `unknown component "libfoo"`; says how to fix it where it can. */
  message: string;
  /** Machine-readable kind, e.g. `unknown-component`, `duplicate-component`, `invalid`. */
  code?: string;
}

/** `"path: message"`, or just the message for the document root. */
export function formatIssue(issue: ValidationIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Thrown by functions that need a valid design and were given an invalid one. */
export class ValidationError extends Error {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(issues.length === 0 ? 'invalid design' : issues.map(formatIssue).join('; '));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

const IDENT_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders a path like `layers[2].components[0]` or `config.env["A B"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENT_RE.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
