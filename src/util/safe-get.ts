/** Reads a property without letting a throwing getter or a revoked Proxy escape. */
export function safeGet(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** `Object.hasOwn` that answers false instead of throwing (a revoked Proxy, a throwing trap). */
export function safeHasOwn(value: object, key: PropertyKey): boolean {
  try {
    return Object.prototype.hasOwnProperty.call(value, key);
  } catch {
    return false;
  }
}
