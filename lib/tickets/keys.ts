// The Ed25519 key pair that signs e-tickets.
//
// TICKET_SIGNING_KEY holds the private key in PKCS#8, either as PEM ("-----BEGIN PRIVATE KEY-----…",
// real newlines or "\n" escapes) or as the base64 of the DER bytes (what
// `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0` prints). Unset, the embedded demo
// generates one once into .data/ so tickets stay valid across restarts; several app instances must
// share an explicit TICKET_SIGNING_KEY. Scanners get only the public half (ticketPublicKey()).
import "server-only";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env.js";
import type { TicketPublicJwk } from "./token-format";

export type TicketSigningKey = { privateKey: KeyObject; publicKey: KeyObject; kid: string };
export type TicketPublicKey = { kid: string; jwk: TicketPublicJwk; pem: string };

/** The configured key text, if any: the one place this module reads the environment. */
function configuredSigningKey(): string | undefined {
  return env().TICKET_SIGNING_KEY;
}

function keyFilePath(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "ticket-signing-key.pem");
}

let cached: TicketSigningKey | undefined;

/** Short id of a public key: the first 8 base64url characters of SHA-256 over its SPKI DER. */
export function ticketKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ format: "der", type: "spki" });
  return createHash("sha256").update(der).digest("base64url").slice(0, 8);
}

/** Parses PKCS#8 PEM or base64 DER into an Ed25519 private key; throws naming the variable otherwise. */
export function parseTicketSigningKey(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, "\n");
  let key: KeyObject;
  try {
    key = trimmed.startsWith("-----BEGIN")
      ? createPrivateKey({ key: trimmed, format: "pem" })
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error("TICKET_SIGNING_KEY: not a PKCS#8 private key (PEM, or base64 DER)");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`TICKET_SIGNING_KEY: expected an Ed25519 key, got ${key.asymmetricKeyType ?? "unknown"}`);
  }
  return key;
}

function fromPrivateKey(privateKey: KeyObject): TicketSigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: ticketKeyId(publicKey) };
}

function newPrivateKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

function writeExclusive(file: string, text: string): void {
  try {
    writeFileSync(file, text, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/**
 * Reads the PEM private key in `file`, first creating it (mode 0600) if missing. Written to a
 * temporary file and hard-linked into place, so a process starting at the same moment sees either
 * no file or a whole one, and both end up with the same key.
 */
export function readOrCreateKeyFile(file: string): KeyObject {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const pem = newPrivateKeyPem();
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, pem, { mode: 0o600, flag: "wx" });
    try {
      linkSync(tmp, file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Some mounted volumes have no hard links: create the file directly, still never overwriting.
      if (code !== "EEXIST") writeExclusive(file, pem);
    } finally {
      unlinkSync(tmp);
    }
  }
  try {
    return parseTicketSigningKey(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message} (delete it to generate a new key; issued tickets stop verifying)`);
  }
}

/** The private key, public key and kid tickets are signed with now. */
export function ticketSigningKey(): TicketSigningKey {
  if (cached) return cached;
  const configured = configuredSigningKey();
  if (configured) return (cached = fromPrivateKey(parseTicketSigningKey(configured)));
  // Tests must not write into the developer's .data/, nor depend on what is there.
  if (env().VITEST) return (cached = fromPrivateKey(parseTicketSigningKey(newPrivateKeyPem())));
  return (cached = fromPrivateKey(readOrCreateKeyFile(keyFilePath())));
}

/** The public half for offline scanners: JWK for WebCrypto, SPKI PEM for everything else. */
export function ticketPublicKey(): TicketPublicKey {
  const { publicKey, kid } = ticketSigningKey();
  const { x } = publicKey.export({ format: "jwk" });
  if (!x) throw new Error("Ed25519 public key exported without x");
  return {
    kid,
    jwk: { kty: "OKP", crv: "Ed25519", x, kid, alg: "EdDSA", use: "sig" },
    pem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/** Tests: sign with this PKCS#8 PEM private key; null goes back to the configured (or generated) one. */
export function setTicketKeyForTests(privateKeyPem: string | null): void {
  cached = privateKeyPem === null ? undefined : fromPrivateKey(parseTicketSigningKey(privateKeyPem));
}
