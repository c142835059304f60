/** Helpers for DataLoader batch functions: answer in the order of the keys asked. */

/** One row (or null) per key. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** All rows per key, in the rows' order (an empty list for a key without rows). */
/** Rows whose key is null, or not among the keys asked, are left out. */
export function groupByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K | null): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) map.get(key)?.push(row);
  }
  return keys.map((key) => map.get(key)!);
}
