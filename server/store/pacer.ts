/**
 * Lets other users' requests run during a long import: resolves at once
 * until `sliceMs` of work went by, then waits for one turn of the event loop.
 * (An import of the largest file takes seconds of CPU; without this, every
 * request to the server would wait that long.)
 */
export function pacer(sliceMs = 20): { due: () => boolean; pause: () => Promise<void> } {
  let since = performance.now();
  const due = () => performance.now() - since >= sliceMs;
  return {
    due,
    async pause() {
      if (!due()) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    },
  };
}
