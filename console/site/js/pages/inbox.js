// The team inbox: what is dispatched to the leader's team, and each next step (accept or decline, reply, start,
// resolve); hours for the volunteers who served a resolved request; the team's pending hours to certify.
import { all, api, query } from '../api.js';
import { h, notice, show } from '../dom.js';
import { beijingDate, beijingTime, clockChip, nearestDeadline, runningClocks } from '../clock.js';
import { areaName, categoryName, registry, STATUS, teamName } from '../registry.js';

const ACTIVE = ['dispatched', 'accepted', 'in_service'];

export async function render(target, user) {
  const reg = await registry();
  const teamId = user.teamId;
  const status = h('div', { class: 'status' });
  const open = h('div');
  const served = h('div');
  const pending = h('div');
  show(target, h('section', { class: 'inbox' },
    h('h1', {}, `队伍待办 · ${teamName(reg, teamId)}`), status,
    h('h2', {}, '待处理'), open,
    h('h2', {}, '已办结（登记服务时长）'), served,
    h('h2', {}, '待认证的时长'), pending));

  const path = (id, step) => `/requests/${encodeURIComponent(id)}/${step}`;

  async function refresh() {
    try {
      const [lists, resolved, hours] = await Promise.all([
        Promise.all(ACTIVE.map((s) => all(`/teams/${encodeURIComponent(teamId)}/requests${query({ status: s })}`, 2))),
        api(`/teams/${encodeURIComponent(teamId)}/requests${query({ status: 'resolved', limit: 10 })}`),
        api(`/hours${query({ teamId, status: 'pending', limit: 50 })}`),
      ]);
      const active = lists.flat().sort((a, b) => nearestDeadline(a) - nearestDeadline(b));
      show(open, active.length ? h('ul', { class: 'cards' }, active.map(card)) : h('p', { class: 'muted' }, '没有待处理的诉求。'));
      show(served, resolved.items.length ? h('ul', { class: 'cards' }, resolved.items.map(servedCard))
        : h('p', { class: 'muted' }, '暂无。'));
      show(pending, hours.items.length ? h('ul', { class: 'records' }, hours.items.map(record))
        : h('p', { class: 'muted' }, '没有待认证的时长。'));
      return true;
    } catch (error) {
      notice(status, `刷新失败：${error.message}`, 'error');
      return false;
    }
  }

  async function step(r, name, body, done) {
    try {
      await api(path(r.id, name), { method: 'POST', body });
      if (await refresh()) notice(status, done);
    } catch (error) {
      notice(status, `操作失败：${error.message}`, 'error');
    }
  }

  /** A text field and the button that sends it: the step needs the text (a reason, a message, a summary). */
  function withText(r, name, label, field, placeholder, done) {
    const input = h('input', { class: `text-${name}`, placeholder, maxlength: 500 });
    return h('span', { class: 'with-text' }, input, h('button', {
      class: name,
      onclick: () => (input.value.trim() ? step(r, name, { [field]: input.value.trim() }, done)
        : notice(status, `请先填写${placeholder}`, 'error')),
    }, label));
  }

  function card(r) {
    const actions = [];
    if (r.status === 'dispatched') {
      actions.push(h('button', { class: 'accept primary', onclick: () => step(r, 'accept', undefined, '已接单') }, '接单'),
        withText(r, 'decline', '婉拒', 'reason', '婉拒原因', '已婉拒，将重新派单'));
    }
    if (r.status === 'accepted' || r.status === 'in_service') {
      actions.push(withText(r, 'reply', '回复', 'message', '回复居民的内容', '已回复'));
      if (r.status === 'accepted') {
        actions.push(h('button', { class: 'start', onclick: () => step(r, 'start', undefined, '已开始服务') }, '开始服务'));
      }
      actions.push(withText(r, 'resolve', '办结', 'summary', '办结说明', '已办结'));
    }
    return h('li', { class: `card status-${r.status}`, dataset: { id: r.id } },
      h('div', { class: 'head' }, h('span', { class: `badge ${r.status}` }, STATUS[r.status] || r.status),
        h('b', {}, categoryName(reg, r.category)), ' ',
        h('span', { class: 'muted' }, `${areaName(reg, r.communityId)} · ${beijingTime(r.createdAt)}`)),
      h('p', { class: 'desc' }, r.description),
      h('p', { class: 'contact' }, `${r.contactName} ${r.contactPhone} · ${r.address}`),
      h('div', { class: 'clocks' }, runningClocks(r).map(([name, deadline]) =>
        clockChip(name, r.createdAt, deadline, r.sla?.onHold && name !== '响应'))),
      h('div', { class: 'actions' }, actions));
  }

  function servedCard(r) {
    const form = h('div', { class: 'hours-form' });
    return h('li', { class: 'card status-resolved', dataset: { id: r.id } },
      h('div', { class: 'head' }, h('b', {}, categoryName(reg, r.category)), ' ',
        h('span', { class: 'muted' }, beijingTime(r.sla?.resolvedAt || r.updatedAt))),
      h('p', { class: 'desc' }, r.description),
      h('button', { class: 'record-hours', onclick: () => hoursForm(r, form) }, '登记时长'), form);
  }

  async function hoursForm(r, form) {
    const team = await api(`/teams/${encodeURIComponent(teamId)}`);
    const members = await Promise.all((team.members || []).map((id) =>
      api(`/volunteers/${encodeURIComponent(id)}`).catch(() => ({ id, name: id }))));
    const rows = members.map((v) => ({ v, hours: h('input', { type: 'number', min: 0, max: 24, step: 0.5,
      class: 'hours', dataset: { volunteer: v.id }, 'aria-label': `${v.name} 时长` }) }));
    const key = `console-hours-${crypto.randomUUID()}`; // one per form: a second click replays, records nothing twice
    const date = h('input', { type: 'date', value: beijingDate(new Date(r.sla?.resolvedAt || Date.now())) });
    show(form, h('table', {}, h('tbody', {}, rows.map(({ v, hours }) => h('tr', {}, h('td', {}, v.name), h('td', {}, hours))))),
      h('label', {}, '服务日期 ', date), ' ',
      h('button', { class: 'save-hours primary', onclick: async () => {
        const entries = rows.filter(({ hours }) => Number(hours.value) > 0)
          .map(({ v, hours }) => ({ volunteerId: v.id, hours: Number(hours.value), date: date.value }));
        if (!entries.length) return notice(status, '请至少为一名志愿者填写时长', 'error');
        try {
          await api('/hours', { method: 'POST', body: { source: { type: 'request', id: r.id }, entries },
            headers: { 'Idempotency-Key': key } });
          if (await refresh()) notice(status, `已登记 ${entries.length} 条时长，待认证`);
        } catch (error) {
          notice(status, `登记失败：${error.message}`, 'error');
        }
      } }, '提交'));
  }

  function record(rec) {
    return h('li', { class: 'record', dataset: { id: rec.id } },
      `${rec.date} · ${rec.volunteerId} · ${rec.hours} 小时 · ${rec.content || ''}`, ' ',
      h('button', { class: 'certify', onclick: async () => {
        try {
          await api(`/hours/${encodeURIComponent(rec.id)}/certify`, { method: 'POST' });
          if (await refresh()) notice(status, '已认证');
        } catch (error) {
          notice(status, `认证失败：${error.message}`, 'error');
        }
      } }, '认证'));
  }

  await refresh();
  const timer = setInterval(() => target.querySelector('input:focus') || refresh(), 30000);
  return () => clearInterval(timer);
}
