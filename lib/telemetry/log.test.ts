import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runWithRequest } from "./context.mjs";
import { createLogger } from "./log.mjs";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: "debug", format: "json", destination }) };
}

describe("logger", () => {
  it("writes one JSON object a line with level, time, message and fields", () => {
    const { lines, logger } = capture();
    logger.info({ showId: "s1" }, "held");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "held", showId: "s1" });
    expect(new Date(String(lines[0]!.time)).getTime()).toBeGreaterThan(0);
  });

  it("never writes secrets: passwords, tokens, cookies, card fields, queue passes — at any of three levels", () => {
    const { lines, logger } = capture();
    logger.warn(
      {
        password: "hunter2-secret",
        token: "reset-token-secret",
        body: { newPassword: "p4ss-secret", card: { number: "4242424242424242", cvc: "123" } },
        req: { headers: { authorization: "Bearer api-token-secret", cookie: "authjs.session-token=cookie-secret", "x-queue-pass": "pass-secret" } },
        user: "u1",
      },
      "careless",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "reset-token", "p4ss", "4242", "api-token", "cookie-secret", "pass-secret"]) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ password: "[redacted]", user: "u1", body: { newPassword: "[redacted]", card: "[redacted]" } });
  });

  it("logs an error with its type, message and stack", () => {
    const { lines, logger } = capture();
    logger.error({ err: new TypeError("boom") }, "unexpected error");
    expect(lines[0]).toMatchObject({ level: "error", err: { type: "TypeError", message: "boom" } });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain("log.test.ts");
  });

  it("stamps every line written during a request with its id and, once known, the user", () => {
    const { lines, logger } = capture();
    const ctx: { id: string; userId?: string } = { id: "req-12345678" };
    runWithRequest(ctx, () => {
      logger.info("before sign-in is known");
      ctx.userId = "user-1";
      logger.info("after");
    });
    logger.info("outside");
    expect(lines.map((l) => [l.reqId, l.userId])).toEqual([
      ["req-12345678", undefined],
      ["req-12345678", "user-1"],
      [undefined, undefined],
    ]);
  });
});
