/**
 * A minimal SSE reader for tests (fetch + streaming body). It records every
 * event with its id and every comment line, until the server ends the stream
 * or `until` says to stop.
 */
export interface SseMessage {
  id?: number;
  event: string;
  data: unknown;
}

export interface SseReadResult {
  status: number;
  contentType: string | null;
  events: SseMessage[];
  comments: string[];
  /** True when the server closed the stream (rather than `until` stopping it). */
  endedByServer: boolean;
  /** ms from calling readSse to the first event (or comment-free data). */
  firstEventMs?: number;
}

export interface ReadSseOptions {
  lastEventId?: number;
  headers?: Record<string, string>;
  /** Stop reading (and disconnect) once this returns true. */
  until?: (events: SseMessage[]) => boolean;
  timeoutMs?: number;
}

export async function readSse(url: string, opts: ReadSseOptions = {}): Promise<SseReadResult> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`SSE read timed out: ${url}`)),
    opts.timeoutMs ?? 240_000,
  );
  const t0 = performance.now();
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...(opts.headers ?? {}) };
  if (opts.lastEventId !== undefined) headers['Last-Event-ID'] = String(opts.lastEventId);
  const res = await fetch(url, { headers, signal: controller.signal });
  const out: SseReadResult = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events: [],
    comments: [],
    endedByServer: false,
  };
  if (!res.ok || !res.body) {
    clearTimeout(timer);
    await res.body?.cancel();
    return out;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        out.endedByServer = true;
        break;
      }
      buf += value;
      let sep = buf.indexOf('\n\n');
      let stop = false;
      while (sep !== -1) {
        const frame = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        sep = buf.indexOf('\n\n');
        const msg: { id?: number; event?: string; data: string[] } = { data: [] };
        for (const line of frame.split('\n')) {
          if (line.startsWith(':')) out.comments.push(line.slice(1).trim());
          else if (line.startsWith('id:')) msg.id = Number(line.slice(3).trim());
          else if (line.startsWith('event:')) msg.event = line.slice(6).trim();
          else if (line.startsWith('data:')) msg.data.push(line.slice(5).replace(/^ /, ''));
        }
        if (msg.data.length === 0) continue;
        if (out.firstEventMs === undefined) out.firstEventMs = performance.now() - t0;
        const m: SseMessage = {
          event: msg.event ?? 'message',
          data: JSON.parse(msg.data.join('\n')) as unknown,
        };
        if (msg.id !== undefined) m.id = msg.id;
        out.events.push(m);
        if (opts.until?.(out.events)) stop = true;
      }
      if (stop) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  }
  return out;
}
