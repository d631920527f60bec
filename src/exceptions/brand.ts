/**
 * Cross-copy identity. Two copies of this package can be loaded in one process (the
 * ESM and the CommonJS build, or two versions in node_modules), each with its own
 * classes. `Symbol.for` keys and fixed string keys are shared by every copy, so these
 * marks let one copy recognise the other's exceptions where a plain `instanceof` would say no.
 */

/** Set to `true` on `HttpException.prototype`: "this object is one of our exceptions". */
export const EXCEPTION_MARK: unique symbol = Symbol.for('typed-http-exceptions.exception') as never;

/**
 * Own static property of every class this package defines: its stable class name (minifiers
 * rename classes). A string, not a symbol: the generated classes spell it as a literal key,
 * `static ['typed-http-exceptions.class'] = 'NotFoundException'`, which lets bundlers drop the
 * classes a program does not use (a key computed from a variable could have side effects).
 */
export const CLASS_ID = 'typed-http-exceptions.class';

interface Identified {
  readonly [CLASS_ID]?: string;
}

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];
const MAX_PROTOTYPE_DEPTH = 64;

/**
 * `instanceof` for our classes: the ordinary check, then, for a class of this package,
 * a walk up the value's prototypes looking for a constructor with the same class id.
 * A user's subclass (no own class id) keeps the ordinary semantics.
 */
export function hasInstance(this: Function & Identified, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (ordinaryHasInstance.call(this, value)) return true;
    if (!Object.hasOwn(this, CLASS_ID)) return false;
    const id = this[CLASS_ID];
    let proto: unknown = Object.getPrototypeOf(value);
    for (let depth = 0; proto !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
      const ctor: unknown = descriptor?.value;
      if (typeof ctor === 'function' && Object.hasOwn(ctor, CLASS_ID) && (ctor as Identified)[CLASS_ID] === id) {
        return true;
      }
      proto = Object.getPrototypeOf(proto);
    }
  } catch {
    // A revoked Proxy or a hostile getPrototypeOf trap is simply not one of ours.
  }
  return false;
}
