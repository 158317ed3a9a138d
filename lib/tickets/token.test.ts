import { generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { setTicketKeyForTests, ticketPublicKey, ticketSigningKey } from "./keys";
import { TICKET_VALID_HOURS_AFTER_END, signTicket, ticketExpiry, verifyTicket } from "./token";
import { looksLikeTicketToken, parseTicketToken, verifyTicketWithWebCrypto, type TicketPublicJwk, type TicketVerifyFailure } from "./token-format";

const claims = {
  bid: "6f1c1b1e-8d3a-4a53-9a55-0d8b4f0b6a11",
  ref: "MQ7KX2P9Q4AB",
  sid: "0b6a2f2c-1e1f-4c4e-9f59-7b1e4f7a9c22",
  seats: ["F11", "F12"],
};
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const parts = (token: string) => token.split(".") as [string, string, string];
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Same bytes, different spelling: sets a padding bit of the last character (86 chars = 512 bits + 4 padding). */
const nonCanonical = (sig: string) => sig.slice(0, -1) + ALPHABET[ALPHABET.indexOf(sig.at(-1)!) | 1];
const otherKeyPem = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

/** A token whose signature is genuine (current key) over whatever body we choose. */
function signRaw(body: string): string {
  const input = `MQT1.${body}`;
  return `${input}.${sign(null, Buffer.from(input), ticketSigningKey().privateKey).toString("base64url")}`;
}

afterEach(() => setTicketKeyForTests(null));

describe("signTicket / verifyTicket", () => {
  it("round-trips the payload, filling in v, kid and iat", () => {
    const before = Math.floor(Date.now() / 1000);
    const token = signTicket({ ...claims, exp: before + 3600 });
    expect(token).toMatch(/^MQT1\.[\w-]+\.[\w-]{86}$/);
    const result = verifyTicket(token);
    expect(result).toEqual({ ok: true, payload: { v: 1, kid: ticketPublicKey().kid, ...claims, iat: expect.any(Number), exp: before + 3600 } });
    if (!result.ok) throw new Error("unreachable");
    expect(result.payload.iat).toBeGreaterThanOrEqual(before);
    expect(result.payload.iat).toBeLessThanOrEqual(before + 2);
    expect(result.payload).not.toHaveProperty("nbf");
  });

  it("signs exactly the ASCII bytes of MQT1.<payload part>, with compact JSON", () => {
    const token = signTicket({ ...claims, iat: 1_800_000_000 });
    const [prefix, body] = parts(token);
    expect(Buffer.from(body, "base64url").toString()).toBe(
      `{"v":1,"kid":"${ticketPublicKey().kid}","bid":"${claims.bid}","ref":"${claims.ref}","sid":"${claims.sid}","seats":["F11","F12"],"iat":1800000000}`,
    );
    expect(parseTicketToken(token)!.signingInput).toEqual(new TextEncoder().encode(`${prefix}.${body}`));
  });

  it("accepts a trailing newline from keyboard-wedge scanners", () => {
    expect(verifyTicket(`${signTicket(claims)}\r\n`).ok).toBe(true);
  });

  it("refuses a tampered payload or signature as BAD_SIGNATURE", () => {
    const token = signTicket(claims);
    const [prefix, body, sig] = parts(token);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const moreSeats = `${prefix}.${b64({ ...payload, seats: ["A1", "A2", "A3"] })}.${sig}`;
    const otherShow = `${prefix}.${b64({ ...payload, sid: "11111111-1111-1111-1111-111111111111" })}.${sig}`;
    const sigBytes = Buffer.from(sig, "base64url");
    sigBytes[10]! ^= 0x01;
    const flipped = `${prefix}.${body}.${sigBytes.toString("base64url")}`;
    for (const forged of [moreSeats, otherShow, flipped]) expect(verifyTicket(forged)).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
  });

  it("tells a token from another key (UNKNOWN_KEY) from one re-labelled with our kid (BAD_SIGNATURE)", () => {
    const ours = ticketPublicKey();
    const otherPem = otherKeyPem();
    setTicketKeyForTests(otherPem);
    const theirs = ticketPublicKey();
    const foreign = signTicket(claims);
    const [prefix, body] = parts(foreign);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    // Signed by the other key but claiming ours.
    const relabelledInput = `${prefix}.${b64({ ...payload, kid: ours.kid })}`;
    const relabelled = `${relabelledInput}.${sign(null, Buffer.from(relabelledInput), ticketSigningKey().privateKey).toString("base64url")}`;

    expect(verifyTicket(foreign, ours.pem)).toEqual({ ok: false, reason: "UNKNOWN_KEY" });
    expect(verifyTicket(relabelled, ours.pem)).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(verifyTicket(foreign, theirs.pem).ok).toBe(true);
    expect(verifyTicket(foreign, otherPem).ok).toBe(true); // a private key works too: its public half is used
    expect(verifyTicket(foreign).ok).toBe(true); // default: the current key
    setTicketKeyForTests(null);
    expect(verifyTicket(foreign)).toEqual({ ok: false, reason: "UNKNOWN_KEY" });
  });

  it("calls anything that is not a well-formed token MALFORMED, without throwing", () => {
    const token = signTicket(claims);
    const [prefix, body, sig] = parts(token);
    const good = JSON.parse(Buffer.from(body, "base64url").toString());
    const sig63 = Buffer.from(sig, "base64url").subarray(0, 63).toString("base64url");
    const junk: unknown[] = [
      "", " ", "hello", "MQT1", "MQT1..", "MQT1.a.b", `MQT2.${body}.${sig}`, `mqt1.${body}.${sig}`, `${prefix}.${body}`, `${prefix}.${body}.${sig}.x`,
      `${prefix}..${sig}`, `${prefix}.${body}.`, `${prefix}.${body}=.${sig}`, `${prefix}.${body}.${sig}==`, `${prefix}.${body}.${sig63}`,
      `${prefix}.${body}+.${sig}`, `${prefix}.${body}.${nonCanonical(sig)}`,
      `${prefix}.ü.${sig}`, "x".repeat(5000), `${prefix}.${"A".repeat(3000)}.${sig}`,
      null, undefined, 42, {}, ["MQT1", body, sig],
      // Genuinely signed, but not a ticket payload:
      signRaw(b64("not json")), signRaw(b64("[1,2]")), signRaw(b64("null")), signRaw(b64({ ...good, v: 2 })),
      signRaw(b64({ ...good, seats: [] })), signRaw(b64({ ...good, seats: ["A1", 2] })), signRaw(b64({ ...good, seats: "A1" })),
      signRaw(b64({ ...good, bid: "" })), signRaw(b64({ ...good, ref: undefined })), signRaw(b64({ ...good, iat: 1.5 })),
      signRaw(b64({ ...good, iat: "1800000000" })), signRaw(b64({ ...good, exp: -1 })), signRaw(b64({ ...good, nbf: null })),
      signRaw(Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url")), // not UTF-8
    ];
    for (const t of junk) expect(verifyTicket(t as string), String(t).slice(0, 80)).toEqual({ ok: false, reason: "MALFORMED" });
  });

  it("tells a token from a booking reference, including references that begin with MQT", () => {
    const token = signTicket(claims);
    expect(looksLikeTicketToken(token)).toBe(true);
    expect(looksLikeTicketToken(`MQT2.${parts(token)[1]}.x`)).toBe(true); // a later version is still a token (and MALFORMED here)
    for (const ref of ["MQ7KX2P9Q4", "MQTK7X2P9Q", "MQT1", "mqtk7x2p9q", ""]) expect(looksLikeTicketToken(ref), ref).toBe(false);
  });

  it("ignores payload members it does not know instead of passing them on", () => {
    const [, body] = parts(signTicket(claims));
    const extra = signRaw(b64({ ...JSON.parse(Buffer.from(body, "base64url").toString()), admin: true }));
    const result = verifyTicket(extra);
    expect(result.ok && result.payload).not.toHaveProperty("admin");
  });

  it("enforces exp and nbf, with clock tolerance, only after the signature checks out", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const s = now / 1000;
    const valid = signTicket({ ...claims, iat: s, nbf: s + 3600, exp: s + 7200 });
    expect(verifyTicket(valid, undefined, { now })).toEqual({ ok: false, reason: "NOT_YET_VALID" });
    expect(verifyTicket(valid, undefined, { now: now + 3600_000 - 60_000 }).ok).toBe(true); // within default tolerance
    expect(verifyTicket(valid, undefined, { now: now + 3600_000 - 60_000, clockToleranceSeconds: 0 })).toEqual({ ok: false, reason: "NOT_YET_VALID" });
    expect(verifyTicket(valid, undefined, { now: new Date(now + 5400_000) }).ok).toBe(true);
    expect(verifyTicket(valid, undefined, { now: now + 7200_000 + 60_000 }).ok).toBe(true);
    expect(verifyTicket(valid, undefined, { now: now + 7200_000 + 1000, clockToleranceSeconds: 0 })).toEqual({ ok: false, reason: "EXPIRED" });
    expect(verifyTicket(valid, undefined, { now: now + 86_400_000 })).toEqual({ ok: false, reason: "EXPIRED" });

    const [prefix, body, sig] = parts(valid);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const extended = `${prefix}.${b64({ ...payload, exp: s + 86_400 * 365 })}.${sig}`;
    expect(verifyTicket(extended, undefined, { now: now + 86_400_000 })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });

    const open = signTicket(claims); // neither nbf nor exp
    expect(verifyTicket(open, undefined, { now: Date.parse("2100-01-01T00:00:00Z") }).ok).toBe(true);
  });

  it("expires tickets six hours after the show ends", () => {
    const endsAt = new Date("2026-12-01T17:00:00Z");
    expect(TICKET_VALID_HOURS_AFTER_END).toBe(6);
    const token = signTicket({ ...claims, exp: ticketExpiry(endsAt) });
    const at = (iso: string) => verifyTicket(token, undefined, { now: new Date(iso), clockToleranceSeconds: 0 });
    expect(at("2026-12-01T22:59:59Z").ok).toBe(true);
    expect(at("2026-12-01T23:00:00Z").ok).toBe(true);
    expect(at("2026-12-01T23:00:01Z")).toEqual({ ok: false, reason: "EXPIRED" });
  });

  it("refuses to sign payloads no scanner would accept", () => {
    expect(() => signTicket({ ...claims, seats: [] })).toThrow(TypeError);
    expect(() => signTicket({ ...claims, bid: "" })).toThrow(TypeError);
    expect(() => signTicket({ ...claims, exp: ticketExpiry(new Date(Number.NaN)) })).toThrow(TypeError);
  });

  it("keeps a 10-seat ticket short", () => {
    const token = signTicket({ ...claims, seats: Array.from({ length: 10 }, (_, i) => `AA${i + 10}`), exp: ticketExpiry(new Date()) });
    expect(token).not.toMatch(/\s/);
    expect(token.length).toBeLessThan(480);
    expect(parseTicketToken(token)!.payload.seats).toHaveLength(10);
  });
});

describe("verifyTicketWithWebCrypto", () => {
  // As a scanner would hold it: fetched as JSON.
  const scannerJwk = () => JSON.parse(JSON.stringify(ticketPublicKey().jwk)) as TicketPublicJwk;

  it("agrees with the node verifier on valid, tampered, foreign, malformed and out-of-window tokens", async () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const s = now / 1000;
    const valid = signTicket({ ...claims, iat: s, exp: s + 3600 });
    const [prefix, body, sig] = parts(valid);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString());
    const sigBytes = Buffer.from(sig, "base64url");
    sigBytes[63]! ^= 0x80;
    const ourJwk = scannerJwk();
    const ourPem = ticketPublicKey().pem;
    setTicketKeyForTests(otherKeyPem());
    const foreign = signTicket(claims);
    setTicketKeyForTests(null);

    const cases: [string, true | TicketVerifyFailure, { now: number }][] = [
      [valid, true, { now }],
      [`${prefix}.${b64({ ...payload, seats: ["A1"] })}.${sig}`, "BAD_SIGNATURE", { now }],
      [`${prefix}.${body}.${sigBytes.toString("base64url")}`, "BAD_SIGNATURE", { now }],
      [foreign, "UNKNOWN_KEY", { now }],
      ["MQT1.garbage", "MALFORMED", { now }],
      [valid, "EXPIRED", { now: now + 86_400_000 }],
    ];
    for (const [token, expected, options] of cases) {
      const node = verifyTicket(token, ourPem, options);
      const web = await verifyTicketWithWebCrypto(token, ourJwk, options);
      expect(web).toEqual(node);
      expect(web.ok ? true : web.reason).toBe(expected);
    }
  });

  it("verifies with nothing but the published JWK", async () => {
    const jwk = scannerJwk();
    const token = signTicket(claims);
    const result = await verifyTicketWithWebCrypto(token, jwk);
    expect(result).toEqual({ ok: true, payload: expect.objectContaining({ ...claims, kid: jwk.kid }) });
  });

  it("throws for a key it cannot import, rather than calling valid tickets forged", async () => {
    const jwk = scannerJwk();
    await expect(verifyTicketWithWebCrypto(signTicket(claims), { ...jwk, x: "bm90IGEga2V5" })).rejects.toThrow();
  });

  it("lives in a module with no Node imports, so the browser can load it", () => {
    const source = readFileSync(new URL("./token-format.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\bBuffer\b|\brequire\(|process\./);
  });
});
