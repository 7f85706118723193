import { describe, expect, it } from 'vitest';
import { downloadType } from './downloadText.ts';

describe('downloadType', () => {
  it('saves an extension-less text file as octet-stream, so the browser adds no .txt', () => {
    expect(downloadType('Containerfile')).toBe('application/octet-stream');
    expect(downloadType('build.log')).toBe('text/plain');
    expect(downloadType('d.design.json', 'application/json')).toBe('application/json');
  });
});
