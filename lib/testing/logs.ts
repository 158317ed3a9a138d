import { redirectLogsForTests } from "@/lib/telemetry/log.mjs";

export type LogLine = { level: string; msg: string; component?: string } & Record<string, unknown>;

/** Collects what the app logs (as parsed JSON lines) until `restore()`; nothing reaches stdout meanwhile. */
export function captureLogs(): { lines: LogLine[]; restore: () => void } {
  const lines: LogLine[] = [];
  redirectLogsForTests({
    write: (chunk: string) => {
      for (const l of chunk.split("\n").filter(Boolean)) lines.push(JSON.parse(l) as LogLine);
    },
  });
  return { lines, restore: () => redirectLogsForTests(null) };
}
