/**
 * Exit codes of `lago-grey` (also printed by `--help`). Each bad-input class
 * has its own code so CI scripts can tell them apart.
 */
export const EXIT = {
  ok: 0,
  /** `check`: a gate failed. */
  gateFailed: 1,
  /** Unknown command or flag, missing or malformed argument. */
  usage: 2,
  /** A named file does not exist or cannot be read. */
  fileNotFound: 3,
  /** A file is not valid JSON. */
  invalidJson: 4,
  /** The design does not match the schema (the message names the path). */
  invalidDesign: 5,
  /** `verify`: a signature, key id or the payload digest did not verify (tampered bundle or wrong image). */
  verificationFailed: 6,
  /** `verify`: the image archive is corrupt (a blob does not match its digest: tampered image). */
  imageCorrupt: 7,
  /** `build`: a build step failed (the message names the step). */
  buildFailed: 8,
  /** The keys file is not a `GET /api/keys` document. */
  invalidKeys: 9,
  /** A bug: please report it. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with its one-line reason and exit code; printed without a stack. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** The help paragraph listing every exit code. */
export const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   check: a gate failed
  2   usage error (unknown command or flag, bad or missing argument)
  3   file not found or unreadable
  4   invalid JSON
  5   design does not match the schema (the path is named)
  6   verify: signature, key or digest check failed (tampered bundle, other image)
  7   verify: image archive corrupt (tampered image)
  8   build: a build step failed
  9   keys: bad keys file (--keys not a GET /api/keys document, or bad LAGO_SIGNING_KEYS)
  70  internal error`;
