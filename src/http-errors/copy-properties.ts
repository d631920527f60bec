/**
 * Copies `createError`'s properties onto the error, as http-errors does: every enumerable
 * key (inherited ones too, as `for...in` gives them) except `status` and `statusCode`, by
 * assignment. Two differences keep that safe: a `__proto__` key is skipped (an assignment would
 * replace the error's prototype), and a key the error only has a getter for (such as
 * `BadRequestException#errors`) becomes an own property instead of throwing.
 */
export function copyProperties(error: Error, properties: object | null): void {
  if (properties === null) return;
  const target = error as unknown as Record<string, unknown>;
  for (const key in properties) {
    if (key === 'status' || key === 'statusCode' || key === '__proto__') continue;
    const value = (properties as Record<string, unknown>)[key];
    if (isGetterOnly(error, key)) {
      Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      target[key] = value;
    }
  }
}

const MAX_PROTOTYPE_DEPTH = 64;

/** True when reading `key` finds an accessor without a setter, where an assignment would throw. */
function isGetterOnly(object: object, key: string): boolean {
  let current: object | null = object;
  for (let depth = 0; current !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor !== undefined) return descriptor.get !== undefined && descriptor.set === undefined;
    current = Object.getPrototypeOf(current) as object | null;
  }
  return false;
}
