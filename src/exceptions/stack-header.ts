/**
 * The first line of an exception's `stack` names its class (`NotFoundException: No user 42`).
 * V8 (Node, Deno, workerd) builds that line from the `name` getter on our prototypes; Bun's
 * JavaScriptCore does not call the getter (the line says `Error: …`), and with
 * `Error.stackTraceLimit = 0` sets no `stack` at all. This repairs both, on engines that need it.
 */

let repairNeeded: boolean | undefined;

/** Whether this engine ignores a `name` getter when it writes a stack (checked once, on first use). */
function engineNeedsRepair(): boolean {
  if (repairNeeded === undefined) {
    class Probe extends Error {
      override get name(): string {
        return 'Probe';
      }
    }
    let stack: unknown;
    try {
      stack = new Probe('x').stack;
    } catch {
      stack = undefined;
    }
    repairNeeded = typeof stack !== 'string' || !stack.startsWith('Probe');
  }
  return repairNeeded;
}

/** Makes `error.stack` a string whose first line starts with `error.name`. */
export function repairStackHeader(error: Error): void {
  if (!engineNeedsRepair()) return;
  try {
    const name = error.name;
    const stack: unknown = error.stack;
    let repaired: string;
    if (typeof stack !== 'string') repaired = error.message === '' ? name : `${name}: ${error.message}`;
    else if (stack.startsWith('Error') && !stack.startsWith(name)) repaired = name + stack.slice('Error'.length);
    else return;
    Object.defineProperty(error, 'stack', { value: repaired, writable: true, configurable: true, enumerable: false });
  } catch {
    // A stack that cannot be repaired is left as the engine made it.
  }
}
