/**
 * Quoting for Containerfile values. The Dockerfile parser splits on `\n` only,
 * joins lines ending in `\`, and expands `$VAR` inside double quotes, so each
 * helper here makes sure a value can neither end a line, continue one, nor be
 * re-interpreted.
 */

const LINE_BREAK_RE = /[\n\r\0\u0085\u2028\u2029]/;
/** Characters escaped in comments: C0/C1 controls, DEL and Unicode line separators. */
const COMMENT_UNSAFE_RE = /[\p{Cc}\u2028\u2029\\]/gu;

/**
 * A double-quoted word for `ENV` and `LABEL`: `\`, `"` and `$` are
 * backslash-escaped, which the Dockerfile word lexer turns back into exactly the
 * original text. Line breaks (LF, CR, NEL, U+2028/9) and NUL are refused and throw (schema
 * validation rejects them first).
 */
export function quoteWord(value: string): string {
  if (LINE_BREAK_RE.test(value)) throw new Error('a Containerfile value cannot contain a line break or NUL');
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/**
 * JSON exec form for `ENTRYPOINT`/`CMD`. JSON escapes every control character,
 * and U+2028/U+2029 are escaped too so no editor shows a line break.
 */
export function execForm(args: readonly string[]): string {
  return JSON.stringify(args).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Text safe inside a `#` comment line: controls, separators and `\` become `\uXXXX`/`\\`. */
export function commentText(text: string): string {
  return text.replace(COMMENT_UNSAFE_RE, (c) =>
    c === '\\' ? '\\\\' : `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** A quoted, comment-safe rendering of a name: `"base"`. */
export function commentQuote(text: string): string {
  return `"${commentText(text).replace(/"/g, '\\"')}"`;
}
