import fc from 'fast-check';
import { limitsFromEnv, operationLabel, requestIdFrom, shutdownGraceMs } from '../src';

describe('request ids', () => {
  it('keeps a well-formed incoming id', () => {
    expect(requestIdFrom('audit-2024.0001:7')).toBe('audit-2024.0001:7');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it('replaces anything that could break a log line or a header with a fresh UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        const id = requestIdFrom(value);
        if (/^[A-Za-z0-9._:-]{1,128}$/.test(value)) expect(id).toBe(value);
        else expect(id).toMatch(uuid);
      }),
    );
    expect(requestIdFrom(undefined)).toMatch(uuid);
    expect(requestIdFrom('x'.repeat(129))).toMatch(uuid);
  });
});

describe('operation labels for metrics', () => {
  it('keeps plain GraphQL names and bounds everything else', () => {
    expect(operationLabel('HouseholdCard')).toBe('HouseholdCard');
    expect(operationLabel('HouseholdCard__people__0')).toBe('HouseholdCard__people__0');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('')).toBe('anonymous');
    expect(operationLabel('a'.repeat(65))).toBe('invalid_name');
    expect(operationLabel('drop"table')).toBe('invalid_name');
  });
});

describe('limits from the environment', () => {
  it('defaults and overrides', () => {
    expect(limitsFromEnv({})).toEqual({ maxConcurrentRequests: 200, bodyLimit: '1mb', shutdownGraceMs: 10_000, shutdownDelayMs: 0 });
    expect(limitsFromEnv({ MAX_CONCURRENT_REQUESTS: '20', BODY_LIMIT: '64kb', SHUTDOWN_GRACE_MS: '3000', SHUTDOWN_DELAY_MS: '250' })).toEqual({ maxConcurrentRequests: 20, bodyLimit: '64kb', shutdownGraceMs: 3_000, shutdownDelayMs: 250 });
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: '500' })).toBe(500);
    expect(() => limitsFromEnv({ MAX_CONCURRENT_REQUESTS: 'many' })).toThrow('MAX_CONCURRENT_REQUESTS must be a positive number, not "many"');
    expect(() => limitsFromEnv({ SHUTDOWN_GRACE_MS: '-1' })).toThrow('SHUTDOWN_GRACE_MS');
    expect(() => limitsFromEnv({ SHUTDOWN_DELAY_MS: '-5' })).toThrow('SHUTDOWN_DELAY_MS must be zero or more');
  });
});
