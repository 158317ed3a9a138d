/** Only same-site paths: "/shows/…" yes; "//evil.example", "https://…" or junk fall back. */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value.length > 500 ? fallback : value;
}
