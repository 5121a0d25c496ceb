import http from "node:http";

/** One message of a Server-Sent Events stream: its `event:` name ("message" when none) and its data. */
export interface StreamMessage {
  event: string;
  data: string;
}

export interface Stream {
  /** Resolves when the server said `event: ready`: from then on it hears every change. */
  ready: Promise<void>;
  close(): void;
}

/**
 * A browser's EventSource, reduced to what the bench needs: plain node:http, one socket per
 * stream and no reconnecting — a stream that drops must show up as lost events, not be papered over.
 */
export function openStream(
  url: URL,
  headers: Record<string, string>,
  onMessage: (message: StreamMessage, at: number) => void,
  onEnd: (reason: string) => void,
): Stream {
  let settle: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // A stream that fails before anyone waits on it is reported through onEnd, not as a crash.
  ready.catch(() => {});
  let finished = false;
  const finish = (reason: string) => {
    if (finished) return;
    finished = true;
    settle.reject(new Error(reason));
    onEnd(reason);
  };
  const request = http.get(url, { headers: { ...headers, accept: "text/event-stream" }, agent: false }, (response) => {
    if (response.statusCode !== 200) {
      response.resume();
      return finish(`HTTP ${response.statusCode}`);
    }
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = "message";
        const data: string[] = [];
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        // Comment-only blocks (heartbeats) and `retry:` carry no data.
        if (data.length === 0) continue;
        if (event === "ready") settle.resolve();
        else if (event === "end") finish("the server ended the stream");
        else onMessage({ event, data: data.join("\n") }, at);
      }
    });
    response.on("end", () => finish("the server closed the stream"));
    response.on("error", (error) => finish(error.message));
  });
  request.on("error", (error) => finish(error.message));
  return {
    ready,
    close() {
      finished = true;
      request.destroy();
    },
  };
}
