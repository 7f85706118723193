/** A failure inside one pipeline step, remembering which step it was. */
export class StepError extends Error {
  readonly step: string;
  override readonly cause: unknown;

  constructor(step: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StepError';
    this.step = step;
    this.cause = cause;
  }
}
