const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record, so it is unknown (null), not an error. */
export const isUuid = (id: string): boolean => UUID.test(id);
