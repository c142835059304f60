import { byKey, groupByKey } from '../src';

describe('batch helpers', () => {
  const rows = [
    { id: 'b', group: 'x' },
    { id: 'a', group: 'y' },
    { id: 'c', group: 'x' },
  ];

  it('answers one row or null per key, in key order', () => {
    expect(byKey(['a', 'z', 'b'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0]]);
  });

  it('groups rows per key, keeping row order, with empty lists for keys without rows', () => {
    expect(groupByKey(['x', 'w', 'y'], rows, (r) => r.group)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});
