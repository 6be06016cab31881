/**
 * A `fetch` for the SDK that refuses an answer body over a size limit while it streams in, so a server that
 * sends an endless or huge body costs at most the limit in memory, never the whole body.
 */

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer is larger than ${Math.round(limitBytes / (1024 * 1024))} MB`);
  }
}

function limitStream(body: ReadableStream<Uint8Array>, limitBytes: number): ReadableStream<Uint8Array> {
  let received = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        // Erroring the stream cancels the source too: the connection is closed, nothing more is read.
        if (received > limitBytes) controller.error(new BodyTooLargeError(limitBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}

export function limitedFetch(limitBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limitBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    if (!response.body) return response;
    return new Response(limitStream(response.body, limitBytes), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
