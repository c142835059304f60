/** A Date argument arrives from the scalar as a JS Date at UTC midnight; the rules work on YYYY-MM-DD. */
export function isoArg(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}
