// The Ed25519 key that signs e-tickets: TICKET_SIGNING_KEY (PKCS#8 PEM, or that DER in base64),
// or for the embedded demo one generated once and kept in .data/ so tickets survive restarts.
// Scanners get the public key (GET /api/v1/checkin/keys) to verify offline.
import "server-only";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env.js";

type Keys = { privateKey: KeyObject; publicKey: KeyObject; kid: string; jwk: JsonWebKey; pem: string };
let cached: Keys | undefined;

function fromPrivate(privateKey: KeyObject): Keys {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("TICKET_SIGNING_KEY must be an Ed25519 private key");
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: "der", type: "spki" });
  const kid = createHash("sha256").update(der).digest("base64url").slice(0, 8);
  return { privateKey, publicKey, kid, jwk: { ...(publicKey.export({ format: "jwk" }) as JsonWebKey), kid, alg: "EdDSA", use: "sig" } as JsonWebKey, pem: publicKey.export({ format: "pem", type: "spki" }).toString() };
}

function parseKey(text: string): KeyObject {
  const trimmed = text.trim();
  return trimmed.startsWith("-----BEGIN")
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
}

export function ticketKeys(): Keys {
  if (cached) return cached;
  const configured = env().TICKET_SIGNING_KEY;
  if (configured) return (cached = fromPrivate(parseKey(configured)));
  if (process.env.VITEST) return (cached = fromPrivate(generateKeyPairSync("ed25519").privateKey));
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "ticket-signing-key.pem");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    try {
      writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  return (cached = fromPrivate(parseKey(readFileSync(file, "utf8"))));
}

/** Public keys by kid, for scanners. */
export function ticketPublicKeys(): Record<string, JsonWebKey> {
  const k = ticketKeys();
  return { [k.kid]: k.jwk };
}

/** Tests: sign with this key (PEM), or go back to the configured one. */
export function setTicketKeyForTests(privateKeyPem: string | null): void {
  cached = privateKeyPem ? fromPrivate(createPrivateKey(privateKeyPem)) : undefined;
}
