import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** What a page shows, loaded: the domain's NOT_FOUND becomes the 404 page, anything else stays an error. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
