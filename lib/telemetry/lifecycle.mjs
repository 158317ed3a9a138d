// The process's stop sequence, shared by the launcher (which hears SIGTERM) and the app (which
// owns the timers, claims and pools to let go of). The app registers what to do on the way
// out; the launcher runs it once in-flight requests have finished.

/** @typedef {{ name: string, run: () => Promise<unknown> | unknown }} ShutdownHook */
/** @typedef {{ draining: boolean, hooks: ShutdownHook[] }} Lifecycle */

const KEY = Symbol.for("marquee.lifecycle");
const g = /** @type {Record<symbol, Lifecycle | undefined>} */ (/** @type {unknown} */ (globalThis));
const state = (g[KEY] ??= { draining: false, hooks: [] });

/**
 * Something to do once the server has stopped taking requests, in the order registered. A hook
 * registered again under the same name replaces the earlier one (a module loaded twice).
 * @param {string} name
 * @param {ShutdownHook["run"]} run
 */
export function onShutdown(name, run) {
  const i = state.hooks.findIndex((h) => h.name === name);
  if (i === -1) state.hooks.push({ name, run });
  else state.hooks[i] = { name, run };
}

/** True once the process has been asked to stop: readiness answers 503, loops stop early. */
export function isDraining() {
  return state.draining;
}

export function beginDrain() {
  state.draining = true;
}

/** For tests, which drain and then go on in the same process. */
export function endDrainForTests() {
  state.draining = false;
}

/** The hooks registered so far. */
export function shutdownHooks() {
  return [...state.hooks];
}
