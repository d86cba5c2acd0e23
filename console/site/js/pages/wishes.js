// The wish wall (心愿墙): open wishes as the public sees them, no contact data; a team leader claims one for the team.
import { all, api } from '../api.js';
import { h, notice, show } from '../dom.js';
import { beijingTime, clockChip } from '../clock.js';
import { areaName, categoryName, registry, teamName } from '../registry.js';

export async function render(target, user) {
  const reg = await registry();
  const status = h('div', { class: 'status' });
  const wall = h('div');
  const leader = user.roles.includes('team_leader') && user.teamId;
  show(target, h('section', { class: 'wishes' }, h('h1', {}, '心愿墙'),
    h('p', { class: 'muted' }, '居民许下的心愿，等待志愿服务队认领。'), status, wall));

  async function refresh() {
    try {
      const wishes = await all('/wishes', 2);
      show(wall, wishes.length === 0 ? h('p', { class: 'muted' }, '暂时没有待认领的心愿。')
        : h('ul', { class: 'wall' }, wishes.map(wish)));
      return true;
    } catch (error) {
      notice(status, `刷新失败：${error.message}`, 'error');
      return false;
    }
  }

  function wish(w) {
    return h('li', { class: 'wish', dataset: { id: w.id } },
      h('p', { class: 'desc' }, w.description),
      h('p', { class: 'muted' }, `${categoryName(reg, w.category)} · ${areaName(reg, w.communityId)} · ${beijingTime(w.createdAt)}`),
      w.respondBy ? clockChip('认领', w.createdAt, w.respondBy) : null,
      leader ? h('button', { class: 'claim primary', onclick: () => claim(w) }, `由${teamName(reg, user.teamId)}认领`) : null);
  }

  async function claim(w) {
    try {
      await api(`/wishes/${encodeURIComponent(w.id)}/claim`, { method: 'POST', body: { teamId: user.teamId } });
      if (await refresh()) notice(status, '已认领：心愿已派给本队，请在队伍待办中接单');
    } catch (error) {
      notice(status, `认领失败：${error.message}`, 'error');
    }
  }

  await refresh();
  const timer = setInterval(refresh, 60000);
  return () => clearInterval(timer);
}
