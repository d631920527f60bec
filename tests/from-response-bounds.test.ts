import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromResponse, HttpException, NotFoundException, ServiceUnavailableException } from '../src/index.js';
import type { FromResponseOptions, ResponseLike } from '../src/problem/from-problem-details.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const encoder = new TextEncoder();

/**
 * A problem body of `total` bytes that would parse (with its `detail`) if read to the end:
 * `{"status":404,"detail":"leak"` + spaces + `}`. Served in CHUNK-byte pulls that count bytes.
 */
function countingBody(total: number, status = 404) {
  const head = encoder.encode(`{"status":${status},"detail":"leak"`);
  const tail = encoder.encode('}');
  const state = { pulled: 0, cancelled: false };
  let onCancel: () => void = () => undefined;
  const cancelled = new Promise<void>((resolve) => (onCancel = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) {
          controller.close();
          return;
        }
        const size = Math.min(CHUNK, total - state.pulled);
        const chunk = new Uint8Array(size).fill(0x20);
        if (state.pulled === 0) chunk.set(head, 0);
        if (state.pulled + size === total) chunk.set(tail, size - tail.length);
        state.pulled += size;
        controller.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
        onCancel();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state, cancelled };
}

function expectNoDetail(error: HttpException | undefined, status: number): void {
  expect(error).toBeInstanceOf(HttpException);
  expect(error?.status).toBe(status);
  expect(error?.detail).toBeUndefined();
}

describe('fromResponse reads at most maxBytes', () => {
  test('the counting body parses when it fits (control)', async () => {
    const { stream, state } = countingBody(200 * 1024);
    const error = await fromResponse(new Response(stream, { status: 404 }));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error?.detail).toBe('leak');
    expect(state.pulled).toBe(200 * 1024);
    expect(state.cancelled).toBe(false);
  });

  test('a 2 MiB body with no content-length stops shortly after the default 1 MiB and is cancelled', async () => {
    const { stream, state, cancelled } = countingBody(2 * MiB);
    const response = new Response(stream, { status: 404 });
    expect(response.headers.get('content-length')).toBeNull();
    const error = await fromResponse(response);
    expectNoDetail(error, 404);
    await cancelled;
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeGreaterThan(MiB);
    expect(state.pulled).toBeLessThanOrEqual(MiB + 2 * CHUNK);
  });

  test('a content-length over the limit is not read at all (even when it lies about a small body)', async () => {
    const { stream, state, cancelled } = countingBody(100);
    const response = new Response(stream, { status: 404, headers: { 'content-length': String(5 * MiB) } });
    expect(response.headers.get('content-length')).toBe(String(5 * MiB));
    expectNoDetail(await fromResponse(response), 404);
    await cancelled;
    expect(state.pulled).toBe(0);
  });

  test('a content-length that lies low does not make the reader read past the limit', async () => {
    const { stream, state, cancelled } = countingBody(2 * MiB);
    const response = new Response(stream, { status: 404, headers: { 'content-length': '10' } });
    expectNoDetail(await fromResponse(response), 404);
    await cancelled;
    expect(state.pulled).toBeLessThanOrEqual(MiB + 2 * CHUNK);
  });

  test('a small maxBytes option', async () => {
    const { stream, state, cancelled } = countingBody(10 * CHUNK);
    const options: FromResponseOptions = { maxBytes: 1000 };
    expectNoDetail(await fromResponse(new Response(stream, { status: 404 }), options), 404);
    await cancelled;
    expect(state.pulled).toBe(CHUNK);

    const small = JSON.stringify({ status: 404, detail: 'fits' });
    expect((await fromResponse(new Response(small, { status: 404 }), { maxBytes: 1000 }))?.detail).toBe('fits');
  });

  test('a body exactly at the limit is parsed; one byte more is not', async () => {
    const body = JSON.stringify({ status: 404, detail: 'café' }); // é takes 2 bytes
    const bytes = encoder.encode(body).byteLength;
    expect(bytes).toBe(body.length + 1);
    expect((await fromResponse(new Response(body, { status: 404 }), { maxBytes: bytes }))?.detail).toBe('café');
    expectNoDetail(await fromResponse(new Response(body, { status: 404 }), { maxBytes: bytes - 1 }), 404);
    // The same over a stream with no content-length, split inside the 2-byte character.
    const at = encoder.encode(body).indexOf(0xc3) + 1;
    const split = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const all = encoder.encode(body);
          controller.enqueue(all.slice(0, at));
          controller.enqueue(all.slice(at));
          controller.close();
        },
      });
    expect((await fromResponse(new Response(split(), { status: 404 }), { maxBytes: bytes }))?.detail).toBe('café');
    expectNoDetail(await fromResponse(new Response(split(), { status: 404 }), { maxBytes: bytes - 1 }), 404);
  });

  test('the default limit is exactly 1 MiB', async () => {
    const { stream } = countingBody(MiB);
    expect((await fromResponse(new Response(stream, { status: 404 })))?.detail).toBe('leak');
    const over = countingBody(MiB + 1);
    expectNoDetail(await fromResponse(new Response(over.stream, { status: 404 })), 404);
  });

  test('without a body stream it falls back to text() and checks the UTF-8 length', async () => {
    const body = JSON.stringify({ status: 404, detail: 'café' });
    const bytes = encoder.encode(body).byteLength;
    const like = (text: string, extra: object = {}): ResponseLike => ({
      status: 404,
      headers: { get: () => null },
      text: async () => text,
      ...extra,
    });
    expect((await fromResponse(like(body), { maxBytes: bytes }))?.detail).toBe('café');
    expectNoDetail(await fromResponse(like(body), { maxBytes: bytes - 1 }), 404);
    expectNoDetail(await fromResponse(like(`{"status":404,"detail":"leak"${' '.repeat(2 * MiB)}}`)), 404);
    // A body that is not a WHATWG stream (a Node stream, say) is ignored in favour of text().
    expect((await fromResponse(like(body, { body: { pipe() {} } }) as ResponseLike))?.detail).toBe('café');
  });

  test('a body that errors or is already read gives the status class, never a rejection', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket reset'));
      },
    });
    expectNoDetail(await fromResponse(new Response(failing, { status: 503 })), 503);
    const used = new Response('{"status":404,"detail":"x"}', { status: 404 });
    await used.text();
    expectNoDetail(await fromResponse(used), 404);
  });

  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1024', null])('maxBytes %p is a RangeError', async (maxBytes) => {
    const options = { maxBytes } as unknown as FromResponseOptions;
    await expect(fromResponse(new Response('{}', { status: 404 }), options)).rejects.toThrow(RangeError);
    // A programmer mistake shows up even on a successful response.
    await expect(fromResponse(new Response('{}', { status: 200 }), options)).rejects.toThrow(RangeError);
  });

  test('maxBytes undefined and no options keep the default', async () => {
    const body = JSON.stringify({ status: 404, detail: 'ok' });
    expect((await fromResponse(new Response(body, { status: 404 }), {}))?.detail).toBe('ok');
    expect((await fromResponse(new Response(body, { status: 404 }), { maxBytes: undefined }))?.detail).toBe('ok');
  });
});

describe('fromResponse against a real server streaming a huge body', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
  });

  test('resolves with the status class, no detail, and the server never sends it all', async () => {
    const total = 256 * MiB;
    let written = 0;
    let finished = false;
    let onClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (onClosed = resolve));
    server = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json' }); // chunked: no content-length
      res.on('close', onClosed);
      const chunk = Buffer.alloc(CHUNK, 0x20);
      res.write('{"status":503,"detail":"leak"');
      const pump = (): void => {
        while (written < total && !res.destroyed) {
          written += CHUNK;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) {
          finished = true;
          res.end('}');
        }
      };
      pump();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    const response = await fetch(`http://127.0.0.1:${port}/`);
    const error = await fromResponse(response);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(error?.detail).toBeUndefined();

    await closed; // the client dropped the connection
    expect(finished).toBe(false);
    expect(written).toBeLessThan(total);
  }, 20_000);
});
