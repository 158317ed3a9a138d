// Which Redis the tests use, and whether one answers. With REDIS_URL set (CI sets it) tests that
// need Redis must run and fail when it is down; without it they run only if a local one answers.
import { Redis as IORedis } from "ioredis";

export const TEST_REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

async function redisAnswers(url: string): Promise<boolean> {
  const probe = new IORedis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function haveTestRedis(): Promise<boolean> {
  return Boolean(process.env.REDIS_URL) || redisAnswers(TEST_REDIS_URL);
}
