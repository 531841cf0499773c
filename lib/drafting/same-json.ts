function definedKeyCount(record: Record<string, unknown>): number {
  let count = 0;
  for (const key in record) if (record[key] !== undefined) count += 1;
  return count;
}

/**
 * Deep equality of JSON data, blind to key order and to members that are undefined. Plain loops,
 * no per-call closures: comparing releases runs it on every field of every clause of both.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let index = 0; index < left.length; index++) {
      if (!sameJson(left[index], right[index])) return false;
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (left[key] !== undefined && !sameJson(left[key], right[key])) return false;
  }
  return definedKeyCount(left) === definedKeyCount(right);
}
