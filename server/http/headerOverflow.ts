/**
 * Node answers a request whose headers or URL are too large (431) or
 * malformed (400) itself, with an empty body. Give those answers the API's
 * JSON error shape instead.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../shared/api/errorCodes.ts';

function answer(socket: Duplex, status: number, reason: string, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (err.code === 'ECONNRESET' && !socket.readable)) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') {
      answer(
        socket,
        431,
        'Request Header Fields Too Large',
        'headers_too_large',
        `The request's URL and headers are larger than the server accepts (16 KB); send long data in the body.`,
      );
      return;
    }
    answer(socket, 400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.');
  });
}
