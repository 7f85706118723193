/**
 * Reads the runtime config out of a generated Containerfile, with podman's
 * semantics, so the builtin engine writes exactly the Labels/Env/User/
 * WorkingDir/Entrypoint/Cmd that podman derives from the same file. Only the
 * subset the generator emits is accepted (`FROM scratch`, `COPY dir/ /`,
 * `LABEL`, `ENV k=v`, `USER`, `WORKDIR`, exec-form `ENTRYPOINT`/`CMD`);
 * anything else is an error rather than a silently different image.
 */
import { posix } from 'node:path';
import { AppError } from '../../errors/AppError.ts';
import type { ImageRuntimeConfig } from './imageConfig.ts';

export interface ContainerfileConfig {
  /** Source folder of each `COPY`, in order, without the trailing `/` (`layers/00-base`). */
  copyDirs: string[];
  runtime: ImageRuntimeConfig;
}

const unsupported = (lineNo: number, why: string): AppError =>
  new AppError(
    'containerfile_unsupported',
    422,
    `Containerfile line ${lineNo}: ${why} (the builtin engine supports the generated subset only)`,
  );

/** Splits on unquoted whitespace, keeping quotes and escapes in each token. */
function splitTokens(text: string, lineNo: number): string[] {
  const tokens: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === null && /\s/.test(c)) {
      if (cur) tokens.push(cur);
      cur = '';
      continue;
    }
    cur += c;
    if (c === '\\' && quote !== "'") {
      cur += text[++i] ?? '';
      continue;
    }
    if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (quote === c) quote = null;
  }
  if (quote !== null) throw unsupported(lineNo, 'unterminated quote');
  if (cur) tokens.push(cur);
  return tokens;
}

/** Dockerfile word processing: quotes removed; `\` escapes `"`, `$`, `\` inside double quotes, anything outside. */
function unquote(word: string, lineNo: number): string {
  let out = '';
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    const next = word[i + 1];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out += c;
    } else if (c === '\\' && next !== undefined && (quote === null || '"$\\'.includes(next))) {
      out += next;
      i++;
    } else if (c === '$') {
      throw unsupported(lineNo, 'variable expansion');
    } else if (c === '"') {
      quote = quote === '"' ? null : '"';
    } else if (c === "'" && quote === null) {
      quote = "'";
    } else {
      out += c;
    }
  }
  return out;
}

/** `key=value` token → [key, value], split at the first unquoted `=`. */
function keyValue(token: string, lineNo: number): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < token.length; i++) {
    const c = token[i];
    if (c === '\\') {
      i++;
    } else if (quote === null && (c === '"' || c === "'")) {
      quote = c;
    } else if (c === quote) {
      quote = null;
    } else if (c === '=' && quote === null) {
      return [unquote(token.slice(0, i), lineNo), unquote(token.slice(i + 1), lineNo)];
    }
  }
  throw unsupported(lineNo, `expected key=value, got ${token}`);
}

function execForm(rest: string, lineNo: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    throw unsupported(lineNo, 'only the JSON exec form is supported');
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw unsupported(lineNo, 'exec form must be a JSON array of strings');
  return parsed as string[];
}

function plainWord(rest: string, lineNo: number): string {
  if (rest.includes('$')) throw unsupported(lineNo, 'variable expansion');
  return rest;
}

export function readContainerfileConfig(text: string): ContainerfileConfig {
  const copyDirs: string[] = [];
  const env: Array<[string, string]> = [];
  const labels: Record<string, string> = {};
  let user = '';
  let workdir = '';
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  let sawFrom = false;
  text.split('\n').forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.endsWith('\\')) throw unsupported(lineNo, 'line continuations');
    const m = /^(\S+)\s*(.*)$/.exec(line);
    const instr = (m?.[1] ?? '').toUpperCase();
    const rest = (m?.[2] ?? '').trim();
    if (!sawFrom && instr !== 'FROM') throw unsupported(lineNo, 'expected FROM first');
    switch (instr) {
      case 'FROM':
        if (sawFrom || rest !== 'scratch') throw unsupported(lineNo, 'only a single FROM scratch');
        sawFrom = true;
        break;
      case 'COPY': {
        const args = splitTokens(rest, lineNo).map((t) => unquote(t, lineNo));
        if (args.length !== 2 || args[1] !== '/' || !args[0]?.endsWith('/'))
          throw unsupported(lineNo, 'COPY must be "COPY <dir>/ /"');
        copyDirs.push(args[0].replace(/\/+$/, ''));
        break;
      }
      case 'LABEL':
        for (const t of splitTokens(rest, lineNo)) {
          const [k, v] = keyValue(t, lineNo);
          labels[k] = v;
        }
        break;
      case 'ENV':
        for (const t of splitTokens(rest, lineNo)) {
          const [k, v] = keyValue(t, lineNo);
          const at = env.findIndex(([name]) => name === k);
          if (at >= 0) env[at] = [k, v];
          else env.push([k, v]);
        }
        break;
      case 'USER':
        user = plainWord(rest, lineNo);
        break;
      case 'WORKDIR':
        workdir = posix.resolve(workdir || '/', plainWord(rest, lineNo));
        break;
      case 'ENTRYPOINT':
        entrypoint = execForm(rest, lineNo);
        cmd = [];
        break;
      case 'CMD':
        cmd = execForm(rest, lineNo);
        break;
      default:
        throw unsupported(lineNo, `instruction ${instr}`);
    }
  });
  if (!sawFrom) throw unsupported(1, 'no FROM');
  return { copyDirs, runtime: { user, env, entrypoint, cmd, workdir, labels } };
}
