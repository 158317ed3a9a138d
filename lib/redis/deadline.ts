// Deadlines for calls to Redis that do not give up on an answer that has already arrived.
//
// A plain setTimeout fires in the event loop's timers phase, before the poll phase reads the
// sockets. After a stall longer than the deadline (a process busy under load, or one compiling
// modules on its first request), it would declare a timeout while the answer sits unread in the
// socket, and the caller would fall back for nothing. Expiry here waits one more turn, until the
// I/O that arrived meanwhile has been read.

/** Calls `onExpiry` after `ms` and the I/O that came in by then; returns a cancel function. */
export function afterDeadline(ms: number, onExpiry: () => void): () => void {
  let immediate: ReturnType<typeof setImmediate> | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onExpiry);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

/** `promise`, or a rejection with `no answer within <ms> ms` once the deadline has passed. */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let cancel = () => {};
  const deadline = new Promise<never>((_, reject) => {
    cancel = afterDeadline(ms, () => reject(new Error(`no answer within ${ms} ms`)));
  });
  return Promise.race([promise, deadline]).finally(cancel);
}
