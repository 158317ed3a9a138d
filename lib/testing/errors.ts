import { AppError } from "@/lib/errors";

/** "OK" if the promise resolves, the AppError's code if it rejects with one; anything else rethrows. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
