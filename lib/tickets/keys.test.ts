import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseTicketSigningKey, readOrCreateKeyFile, setTicketKeyForTests, ticketKeyId, ticketPublicKey, ticketSigningKey } from "./keys";

const ed25519Pem = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();

afterEach(() => setTicketKeyForTests(null));

describe("ticket signing key", () => {
  it("publishes the public half as JWK and PEM under a kid derived from the key", () => {
    const pub = ticketPublicKey();
    expect(pub.kid).toMatch(/^[\w-]{8}$/);
    expect(pub.jwk).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.stringMatching(/^[\w-]{43}$/), kid: pub.kid, alg: "EdDSA", use: "sig" });
    expect(pub.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(ticketKeyId(createPublicKey(pub.pem))).toBe(pub.kid);
    expect(ticketKeyId(createPublicKey({ key: pub.jwk, format: "jwk" }))).toBe(pub.kid);
    expect(JSON.stringify(pub)).not.toContain('"d"'); // no private part
    expect(ticketPublicKey()).toEqual(pub); // stable within a process
  });

  it("lets tests swap the key, and go back", () => {
    const before = ticketPublicKey().kid;
    const pem = ed25519Pem();
    setTicketKeyForTests(pem);
    expect(ticketPublicKey().kid).toBe(ticketKeyId(createPublicKey(pem)));
    expect(ticketPublicKey().kid).not.toBe(before);
    setTicketKeyForTests(null);
    expect(ticketSigningKey().privateKey.asymmetricKeyType).toBe("ed25519");
  });

  it("reads TICKET_SIGNING_KEY as PKCS#8 PEM, PEM with \\n escapes, or base64 DER", () => {
    const pem = ed25519Pem();
    const der = parseTicketSigningKey(pem).export({ format: "der", type: "pkcs8" }).toString("base64");
    const kid = ticketKeyId(createPublicKey(pem));
    for (const text of [pem, `  ${pem}\n`, pem.trim().replace(/\n/g, "\\n"), der]) {
      expect(ticketKeyId(createPublicKey(parseTicketSigningKey(text)))).toBe(kid);
    }
  });

  it("refuses keys that are not Ed25519 private keys", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const pub = generateKeyPairSync("ed25519").publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(() => parseTicketSigningKey(rsa)).toThrow(/Ed25519.*rsa/);
    expect(() => parseTicketSigningKey(ec)).toThrow(/Ed25519.*ec/);
    expect(() => parseTicketSigningKey(pub)).toThrow(/TICKET_SIGNING_KEY/);
    expect(() => parseTicketSigningKey("not a key at all, not even base64 DER!")).toThrow(/TICKET_SIGNING_KEY/);
  });

  it("generates the demo key file once (mode 0600) and reuses it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "marquee-keys-"));
    try {
      const file = path.join(dir, "nested", "ticket-signing-key.pem");
      const first = readOrCreateKeyFile(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(readdirSync(path.dirname(file))).toEqual(["ticket-signing-key.pem"]); // no temp file left behind
      const again = readOrCreateKeyFile(file);
      expect(ticketKeyId(createPublicKey(again))).toBe(ticketKeyId(createPublicKey(first)));

      const existing = path.join(dir, "existing.pem");
      const pem = ed25519Pem();
      writeFileSync(existing, pem);
      expect(ticketKeyId(createPublicKey(readOrCreateKeyFile(existing)))).toBe(ticketKeyId(createPublicKey(pem)));

      const corrupt = path.join(dir, "corrupt.pem");
      writeFileSync(corrupt, "-----BEGIN PRIVATE KEY-----\ntruncated");
      expect(() => readOrCreateKeyFile(corrupt)).toThrow(corrupt);
      expect(readFileSync(corrupt, "utf8")).toContain("truncated"); // never overwritten
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
