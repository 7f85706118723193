/**
 * Why a running build's AbortSignal fired. The queue passes one of these as
 * the abort reason, so the outcome can say "cancelled", "timed out" or
 * "interrupted" instead of whatever error the killed subprocess produced.
 */
export type AbortKind = 'cancel' | 'timeout' | 'shutdown';

export class BuildAbort extends Error {
  readonly kind: AbortKind;

  constructor(kind: AbortKind) {
    super(`build aborted: ${kind}`);
    this.name = 'BuildAbort';
    this.kind = kind;
  }
}

export function abortKindOf(signal: AbortSignal): AbortKind | undefined {
  if (!signal.aborted) return undefined;
  const reason: unknown = signal.reason;
  return reason instanceof BuildAbort ? reason.kind : 'cancel';
}
