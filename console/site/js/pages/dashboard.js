// The director's dashboard: is the 15 / 30 / 24 promise kept, street by street, team by team, category by category
// over the chosen weeks; escalations by level; hours tallies and the leaderboard. Pictures first, numbers on hover.
// A city's or a province's desk sees it district by district: the report by district, each district's alerts, the
// hours of the whole area (leaderboards rank within a district).
import { all, api, query } from '../api.js';
import { h, notice, show } from '../dom.js';
import { barChart, CLOCKS, shareChart } from '../charts.js';
import { beijingDate } from '../clock.js';
import { areaName, categoryName, districtsWithin, registry, teamName } from '../registry.js';

const WEEKS = [1, 4, 8, 12];
const DAY = 86400000;

/** Monday 00:00 Beijing of the week `weeksBack` weeks before this one, as an instant. */
function weekStart(weeksBack, now = new Date()) {
  const beijing = new Date(now.getTime() + 8 * 3600000);
  const monday = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate())
    - ((beijing.getUTCDay() + 6) % 7) * DAY - 8 * 3600000;
  return new Date(monday - weeksBack * 7 * DAY);
}

export async function render(target, user) {
  const reg = await registry();
  const areaId = user.areaId || [...reg.areas.values()].find((a) => a.type === 'district')?.id;
  const area = reg.areas.get(areaId);
  const aboveDistricts = ['city', 'province'].includes(area?.type);
  const districts = aboveDistricts ? districtsWithin(reg, areaId) : [areaId];
  const status = h('div', { class: 'status' });
  const weeks = h('select', { id: 'weeks', 'aria-label': '周数', onchange: () => refresh() },
    WEEKS.map((n) => h('option', { value: n, selected: n === 4 }, `最近 ${n} 周`)));
  const totals = h('div', { class: 'totals' });
  const byStreet = h('div');
  const byTeam = h('div');
  const byCategory = h('div');
  const escalations = h('div');
  const tallies = h('div', { class: 'totals' });
  const leaders = h('div');
  show(target, h('section', { class: 'dashboard' },
    h('h1', {}, `主任看板 · ${areaName(reg, areaId)}`),
    h('p', {}, weeks, ' ', h('span', { class: 'muted' }, '承诺：15 分钟响应 · 30 分钟回复 · 24 小时办结；悬停查看数字')),
    status,
    h('div', { class: 'panel' }, h('h2', {}, '守约率'), totals,
      h('p', { class: 'legend' }, CLOCKS.map(([key, name]) => h('span', {}, h('i', { class: key }), `${name}时限守约率`)))),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, h('h2', {}, aboveDistricts ? '按区县' : '按街道'), byStreet),
      h('div', { class: 'panel' }, h('h2', {}, '按服务类别'), byCategory)),
    h('div', { class: 'panel' }, h('h2', {}, '按队伍'), byTeam),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, h('h2', {}, '预警升级（按级别）'), escalations),
      h('div', { class: 'panel' }, h('h2', {}, '服务时长'), tallies, leaders))));

  async function report(groupBy, from, to) {
    return api(`/reports/sla${query({ from: from.toISOString(), to: to.toISOString(), groupBy, areaId })}`);
  }

  async function refresh() {
    const to = new Date();
    const from = weekStart(Number(weeks.value) - 1, to);
    try {
      const [streets, teams, categories, alerts] = await Promise.all([
        report(aboveDistricts ? 'district' : 'street', from, to), report('team', from, to),
        report('category', from, to),
        Promise.all(districts.map((id) => all(`/alerts${query({ areaId: id })}`, 3))).then((lists) => lists.flat())]);
      show(totals, CLOCKS.map(([key, name]) => {
        const clock = streets.total[key];
        const share = clock.judged ? `${Math.round(clock.shareMet * 1000) / 10}%` : '—';
        return h('div', { class: `total ${key}`, dataset: { clock: key }, title: `${clock.met}/${clock.judged}` },
          h('span', { class: 'big' }, share), h('span', {}, `${name}守约`), h('small', { class: 'muted' },
            `${clock.met}/${clock.judged} 件`));
      }), h('div', { class: 'total requests' }, h('span', { class: 'big' }, String(streets.total.requests)),
        h('span', {}, '诉求'), h('small', { class: 'muted' }, `${beijingDate(from)} 起`)));
      const groups = (rep, name) => rep.groups.map((g) => ({ ...g, label: name(g.key) }));
      show(byStreet, shareChart(groups(streets, (k) => areaName(reg, k)), aboveDistricts ? '按区县的守约率' : '按街道的守约率'));
      show(byCategory, shareChart(groups(categories, (k) => categoryName(reg, k)), '按类别的守约率'));
      show(byTeam, shareChart(groups(teams, (k) => (k ? teamName(reg, k) : '未派队伍')), '按队伍的守约率'));
      const recent = alerts.filter((a) => Date.parse(a.at) >= from.getTime());
      show(escalations, barChart([0, 1, 2, 3].map((level) => ({
        label: level === 0 ? '无队可派' : `${level}级`, value: recent.filter((a) => a.level === level).length,
      })), '各级预警数', ' 次'));
      await hours();
    } catch (error) {
      notice(status, `刷新失败：${error.message}`, 'error');
    }
  }

  async function hours() {
    const scope = ['community', 'street', 'district', 'city', 'province'].includes(area?.type) ? area.type : 'district';
    const month = beijingDate().slice(0, 7);
    const periods = [[month, '本月'], [month.slice(0, 4), '本年'], ['all', '累计']];
    const counts = await Promise.all(periods.map(([period]) => api(`/tallies${query({ scope, id: areaId, period })}`)));
    show(tallies, counts.map((tally, i) => h('div', { class: 'total hours', dataset: { period: periods[i][0] } },
      h('span', { class: 'big' }, String(tally.hours)), h('span', {}, `${periods[i][1]}时长（小时）`),
      h('small', { class: 'muted' }, `${tally.records} 条记录`))));
    if (aboveDistricts) {
      show(leaders, h('p', { class: 'muted' }, '排行榜在各区县内排名'));
      return;
    }
    const [volunteers, teams] = await Promise.all(['volunteer', 'team'].map((board) =>
      api(`/leaderboard${query({ scope: board, period: 'all', areaId, limit: 10 })}`)));
    const names = await Promise.all(volunteers.items.map((item) =>
      api(`/volunteers/${encodeURIComponent(item.id)}`).then((v) => v.name, () => item.id)));
    show(leaders,
      h('h3', {}, '志愿者排行（累计）'),
      barChart(volunteers.items.map((item, i) => ({ label: `${item.rank}. ${names[i]}`, value: item.hours,
        title: `${names[i]}：${item.hours} 小时，${item.records} 条记录` })), '志愿者时长排行', ' 小时'),
      h('h3', {}, '队伍排行（累计）'),
      barChart(teams.items.map((item) => ({ label: `${item.rank}. ${teamName(reg, item.id)}`, value: item.hours,
        title: `${teamName(reg, item.id)}：${item.hours} 小时，${item.records} 条记录` })), '队伍时长排行', ' 小时'));
  }

  await refresh();
  const timer = setInterval(refresh, 60000);
  return () => clearInterval(timer);
}
