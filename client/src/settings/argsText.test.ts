import { describe, expect, it } from 'vitest';
import { joinArgs, parseKeyValues, splitArgs } from './argsText.ts';

describe('argsText', () => {
  it('splits with quotes and round-trips', () => {
    expect(splitArgs('/bin/sh -c "echo hi there"')).toEqual(['/bin/sh', '-c', 'echo hi there']);
    expect(splitArgs('  ')).toEqual([]);
    expect(splitArgs('a ""')).toEqual(['a', '']);
    const args = ['/usr/bin/hello', 'say "x"', ''];
    expect(splitArgs(joinArgs(args))).toEqual(args);
  });

  it('parses KEY=value lines and names a bad one', () => {
    expect(parseKeyValues('A=1\n\nB=x=y')).toEqual({ ok: true, value: { A: '1', B: 'x=y' } });
    expect(parseKeyValues('A=1\nnope')).toEqual({ ok: false, line: 'nope' });
  });
});
