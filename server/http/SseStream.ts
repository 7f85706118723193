/**
 * A Server-Sent Events response: named events with ids, a heartbeat comment
 * so proxies and browsers keep the connection, and one `close()` that is
 * safe to call from either side.
 */
import type { Response } from 'express';

export interface SseEvent {
  id: number;
  type: string;
  data: unknown;
}

export class SseStream {
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;
  private readonly closeHandlers: Array<() => void> = [];

  constructor(
    private readonly res: Response,
    heartbeatMs: number,
  ) {
    res.status(200);
    res.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Reverse proxies (nginx) must not buffer a live log.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    // Browsers reconnect after this many ms, sending Last-Event-ID.
    res.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => this.comment('heartbeat'), heartbeatMs);
    res.on('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(event: SseEvent): void {
    if (this.closed) return;
    // JSON never contains a raw newline, so one `data:` line is enough.
    this.res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  comment(text: string): void {
    if (this.closed) return;
    this.res.write(`: ${text}\n\n`);
  }

  onClose(handler: () => void): void {
    if (this.closed) handler();
    else this.closeHandlers.push(handler);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
    for (const h of this.closeHandlers.splice(0)) h();
  }
}
