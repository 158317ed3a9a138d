import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterDeadline, withDeadline } from "./deadline";
import { createNodeRequester } from "./node-requester";

/** Busy-waits: the event loop stalls, as in a process saturated by work or compiling modules. */
function stall(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

// A REST endpoint on its own thread, so it answers while this thread is stalled. Each command
// is answered with its first argument, base64 as the client asks.
let worker: Worker;
let url: string;
beforeAll(async () => {
  worker = new Worker(
    `const http = require("node:http");
     const { parentPort } = require("node:worker_threads");
     const server = http.createServer((req, res) => {
       let text = "";
       req.on("data", (c) => (text += c));
       req.on("end", () => {
         const cmd = JSON.parse(text);
         res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ result: Buffer.from(String(cmd[1])).toString("base64") }));
       });
     });
     server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  const port = await new Promise<number>((resolve) => worker.once("message", resolve));
  url = `http://127.0.0.1:${port}`;
});
afterAll(() => worker.terminate());

describe("deadlines that read what has arrived before giving up", () => {
  it("expires after the time has passed and not before; a cancelled one never", async () => {
    const fired: string[] = [];
    afterDeadline(20, () => fired.push("a"));
    const cancel = afterDeadline(20, () => fired.push("b"));
    cancel();
    await new Promise((r) => setTimeout(r, 5));
    expect(fired).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(fired).toEqual(["a"]);
    await expect(withDeadline(new Promise(() => {}), 10)).rejects.toThrow("no answer within 10 ms");
    expect(await withDeadline(Promise.resolve("on time"), 10)).toBe("on time");
  });

  it("takes an answer that came in while the process was too busy to read it", async () => {
    const requester = createNodeRequester({ url, token: "t", timeoutMs: 50, maxBatch: 1 });
    expect((await requester.request({ body: ["ECHO", "warm"] })).result).toBe("warm"); // a kept-alive socket
    for (let i = 0; i < 3; i++) {
      const answer = requester.request({ body: ["ECHO", `late-${i}`] });
      await new Promise((r) => setImmediate(r)); // the request is on the wire
      stall(150); // three times the deadline; the other thread answers meanwhile
      expect((await answer).result).toBe(`late-${i}`);
    }
  });

  it("still gives up on an answer that has not come", async () => {
    const requester = createNodeRequester({ url: "http://127.0.0.1:9", token: "t", timeoutMs: 50, maxBatch: 1 });
    await expect(requester.request({ body: ["ECHO", "x"] })).rejects.toThrow();
  });
});
