// The registry's tree helpers (console/site/js/registry.js) in Node's test runner. Run: node --test console/js-test/
import { test } from 'node:test';
import assert from 'node:assert/strict';

const { districtsWithin, lineage } = await import('../site/js/registry.js');

const areas = [
  { id: 'shaanxi', type: 'province', parentId: null },
  { id: 'xianyang', type: 'city', parentId: 'shaanxi' },
  { id: 'weicheng', type: 'district', parentId: 'xianyang' },
  { id: 'qindu', type: 'district', parentId: 'xianyang' },
  { id: 'baoji', type: 'city', parentId: 'shaanxi' },
  { id: 'jintai', type: 'district', parentId: 'baoji' },
  { id: 'weiyang', type: 'street', parentId: 'weicheng' },
];
const reg = { areas: new Map(areas.map((a) => [a.id, a])) };

test("a city's dashboard reads its own districts, not another city's", () => {
  assert.deepEqual(districtsWithin(reg, 'xianyang'), ['qindu', 'weicheng']);
  assert.deepEqual(districtsWithin(reg, 'shaanxi'), ['jintai', 'qindu', 'weicheng']);
  assert.deepEqual(districtsWithin(reg, 'weicheng'), ['weicheng']);
  assert.deepEqual(districtsWithin(reg, 'weiyang'), []);
});

test('lineage goes up to the top', () => {
  assert.deepEqual(lineage(reg, 'weiyang'), ['weiyang', 'weicheng', 'xianyang', 'shaanxi']);
});
