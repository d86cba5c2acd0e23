// Names for ids: categories, areas and teams, read once per sign-in (the registry changes rarely).
import { api, all } from './api.js';

let loaded = null;

export function registry() {
  loaded ??= Promise.all([api('/categories'), api('/areas'), all('/teams')]).then(([categories, areas, teams]) => ({
    categories: new Map(list(categories).map((c) => [c.code, c])),
    areas: new Map(list(areas).map((a) => [a.id, a])),
    teams: new Map(teams.map((t) => [t.id, t])),
  }));
  return loaded;
}

export function forget() {
  loaded = null;
}

const list = (answer) => (Array.isArray(answer) ? answer : answer?.items || []);

export const categoryName = (reg, code) => reg.categories.get(code)?.name || code;
export const areaName = (reg, id) => reg.areas.get(id)?.name || id;
export const teamName = (reg, id) => reg.teams.get(id)?.name || id || '—';

/** The area and every area above it, nearest first. */
export function lineage(reg, id) {
  const chain = [];
  for (let area = reg.areas.get(id); area; area = reg.areas.get(area.parentId)) chain.push(area.id);
  return chain;
}

/** The districts an area spans (a city's, a province's; a district itself), in id order. */
export function districtsWithin(reg, id) {
  return [...reg.areas.values()].filter((a) => a.type === 'district' && lineage(reg, a.id).includes(id))
    .map((a) => a.id).sort();
}

export const STATUS = {
  unrouted: '待派单', open_wish: '心愿待认领', dispatched: '已派单', accepted: '已接单', in_service: '服务中',
  resolved: '已办结', closed: '已关闭', cancelled: '已取消',
};
