// The dispatch board: the open requests of the caller's area, unrouted and escalated first, then by the nearest
// deadline; dispatch or re-dispatch to a team showing its load; the area's alerts with acknowledge.
import { all, api, query } from '../api.js';
import { h, notice, show } from '../dom.js';
import { beijingTime, clockChip, nearestDeadline, runningClocks } from '../clock.js';
import { areaName, categoryName, lineage, registry, STATUS, teamName } from '../registry.js';

const OPEN = ['unrouted', 'open_wish', 'dispatched', 'accepted', 'in_service'];
const REFRESH_MS = 30000;

export async function render(target, user) {
  const reg = await registry();
  const areaId = user.areaId || [...reg.areas.values()].find((a) => a.type === 'district')?.id;
  const status = h('div', { class: 'status' });
  const requests = h('div', { class: 'requests' });
  const alerts = h('div', { class: 'alerts' });
  show(target, h('section', { class: 'board' },
    h('h1', {}, `调度台 · ${areaName(reg, areaId)}`),
    status,
    h('div', { class: 'columns' },
      h('div', {}, h('h2', {}, '未办结的诉求'), requests),
      h('aside', {}, h('h2', {}, '预警'), alerts))));

  async function refresh() {
    try {
      const [teams, ...lists] = await Promise.all([all('/teams'),
        ...OPEN.map((s) => all(`/requests${query({ status: s, areaId })}`, 2))]);
      reg.teams = new Map(teams.map((t) => [t.id, t]));
      showRequests(lists.flat());
      showAlerts(await all(`/alerts${query({ areaId, acknowledged: 'false' })}`, 1));
      return true;
    } catch (error) {
      notice(status, `刷新失败：${error.message}`, 'error');
      return false;
    }
  }

  function showRequests(list) {
    const rank = (r) => (r.status === 'unrouted' ? 0 : (r.sla?.escalationLevel || 0) > 0 ? 1 : 2);
    list.sort((a, b) => rank(a) - rank(b) || (b.sla?.escalationLevel || 0) - (a.sla?.escalationLevel || 0)
      || nearestDeadline(a) - nearestDeadline(b));
    show(requests, list.length === 0 ? h('p', { class: 'muted' }, '没有未办结的诉求。')
      : h('ul', { class: 'cards' }, list.map((r) => card(r))));
  }

  function card(r) {
    const level = r.sla?.escalationLevel || 0;
    const actions = h('div', { class: 'actions' });
    const item = h('li', { class: `card status-${r.status}${level ? ' escalated' : ''}`, dataset: { id: r.id } },
      h('div', { class: 'head' },
        h('span', { class: `badge ${r.status}` }, STATUS[r.status] || r.status),
        level ? h('span', { class: 'badge level' }, `${level}级升级`) : null,
        h('b', {}, categoryName(reg, r.category)), ' ',
        h('span', { class: 'muted' }, `${areaName(reg, r.communityId)} · ${beijingTime(r.createdAt)}`)),
      h('p', { class: 'desc' }, r.description),
      h('p', { class: 'contact' }, `${r.contactName} ${r.contactPhone} · ${r.address}`),
      h('p', {}, '队伍：', h('span', { class: 'team' }, teamName(reg, r.teamId))),
      h('div', { class: 'clocks' }, runningClocks(r).map(([name, deadline]) =>
        clockChip(name, r.createdAt, deadline, r.sla?.onHold && name !== '响应'))),
      actions);
    if (['unrouted', 'open_wish', 'dispatched', 'accepted'].includes(r.status)) {
      actions.append(h('button', { class: 'dispatch', onclick: () => picker(r, actions) },
        r.teamId ? '改派' : '派单'));
    }
    return item;
  }

  function picker(r, actions) {
    const reach = new Set(lineage(reg, r.communityId));
    const district = [...reach].find((id) => reg.areas.get(id)?.type === 'district');
    const candidates = [...reg.teams.values()]
      .filter((t) => t.active !== false && t.id !== r.teamId && t.categories.includes(r.category))
      .filter((t) => t.areaIds.some((id) => lineage(reg, id).includes(district)))
      .map((t) => ({ team: t, serves: t.areaIds.some((id) => reach.has(id)), room: t.openCount < t.capacity }))
      .sort((a, b) => b.serves - a.serves || b.room - a.room || a.team.openCount / a.team.capacity
        - b.team.openCount / b.team.capacity);
    const reason = h('input', { class: 'reason', placeholder: '原因（队伍满额时必填）', maxlength: 200 });
    const result = h('div');
    show(actions, h('div', { class: 'picker' },
      candidates.length === 0 ? h('p', { class: 'muted' }, '本区没有服务此类别的其他队伍。') : null,
      h('ul', { class: 'teams' }, candidates.map(({ team, serves, room }) => h('li', {},
        h('button', { class: `team-choice${room ? '' : ' full'}`, dataset: { team: team.id },
          onclick: () => dispatch(r, team, reason.value, result) },
          h('b', {}, team.name), ' ',
          h('span', { class: 'load', title: '在办/容量' }, `${team.openCount}/${team.capacity}`),
          serves ? h('span', { class: 'muted' }, ' 本社区') : null)))),
      reason,
      h('button', { class: 'link', onclick: refresh }, '取消'),
      result));
  }

  async function dispatch(r, team, reason, result) {
    try {
      await api(`/requests/${encodeURIComponent(r.id)}/dispatch`, {
        method: 'POST', body: reason.trim() ? { teamId: team.id, reason: reason.trim() } : { teamId: team.id },
      });
      if (await refresh()) notice(status, `已派给 ${team.name}`);
    } catch (error) {
      notice(result, `派单失败：${error.message}`, 'error');
    }
  }

  function showAlerts(list) {
    show(alerts, list.length === 0 ? h('p', { class: 'muted' }, '没有待确认的预警。')
      : h('ul', { class: 'alert-list' }, list.map((a) => h('li', { class: `alert level-${a.level}`, dataset: { id: a.id } },
        h('span', { class: 'badge level' }, a.level === 0 ? '无队可派' : `${a.level}级`), ' ',
        h('span', {}, a.reason), ' ',
        h('span', { class: 'muted' }, `${areaName(reg, a.areaId)} · ${beijingTime(a.at)}`), ' ',
        h('button', { class: 'ack', onclick: () => acknowledge(a) }, '确认')))));
  }

  async function acknowledge(alert) {
    try {
      await api(`/alerts/${encodeURIComponent(alert.id)}/ack`, { method: 'POST' });
      await refresh();
    } catch (error) {
      notice(status, `确认失败：${error.message}`, 'error');
    }
  }

  await refresh();
  // no refresh while a team is being chosen: it would take the choice away
  const timer = setInterval(() => requests.querySelector('.picker') || refresh(), REFRESH_MS);
  return () => clearInterval(timer);
}
