// One promise per loader, shared by every caller.

/**
 * Wraps `loader` (a function returning a promise) so that every call shares the first
 * call's promise — `known`, when given, is the value already at hand — and a failure is
 * forgotten so that the next call retries. Screens' modules are loaded through it: a second
 * `import()` of a module still running its top-level `await` must not resolve before it
 * ends (WebKit's does), so there is only ever one.
 */
export function memoize(loader, known = undefined) {
  let promise = known === undefined ? null : Promise.resolve(known);
  return () => {
    promise ??= loader().catch((error) => {
      promise = null;
      throw error;
    });
    return promise;
  };
}
