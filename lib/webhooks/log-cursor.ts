/** The `before` parameter of a delivery log page: an attempt id, or nothing when malformed. */
export function logCursor(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}
