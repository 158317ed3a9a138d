import { randomBytes } from "node:crypto";

// No 0/O or 1/I/L: references are read aloud at box offices and typed at the door.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A short booking reference printed on tickets, e.g. "MQ7KX2P9Q4". */
export function newBookingReference(): string {
  return `MQ${[...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join("")}`;
}
