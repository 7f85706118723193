import { describe, expect, it } from 'vitest';
import { commentQuote, commentText, execForm, quoteWord } from './escape.ts';

describe('quoteWord', () => {
  it('escapes exactly backslash, double quote and dollar', () => {
    expect(quoteWord('plain value')).toBe('"plain value"');
    expect(quoteWord('a"b\\c$HOME ${X}')).toBe('"a\\"b\\\\c\\$HOME \\${X}"');
    expect(quoteWord("it's #1 `x`")).toBe('"it\'s #1 `x`"');
  });

  it('refuses what a Containerfile cannot hold', () => {
    for (const bad of ['a\nb', 'a\rb', 'a\0b', 'a\u2028b', 'a\u0085b'])
      expect(() => quoteWord(bad)).toThrow(/line break or NUL/);
  });
});

describe('execForm', () => {
  it('is JSON, with line separators escaped', () => {
    expect(execForm(['/bin/x', 'a"b', '\u2028'])).toBe('["/bin/x","a\\"b","\\u2028"]');
    expect(JSON.parse(execForm(['a\u2029b']))).toEqual(['a\u2029b']);
  });
});

describe('commentText / commentQuote', () => {
  it('escapes controls, separators and backslashes so a comment stays one line', () => {
    expect(commentText('a\nb\rc\u2028d\u0085e\\')).toBe('a\\u000ab\\u000dc\\u2028d\\u0085e\\\\');
    expect(commentQuote('say "hi"')).toBe('"say \\"hi\\""');
  });
});
