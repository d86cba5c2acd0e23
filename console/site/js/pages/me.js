// A volunteer's page: their hours (certified, pending, each record), their star level, and the printable service
// record certificate with every field the rules on service records require (the identity number comes masked).
import { api } from '../api.js';
import { h, notice, show } from '../dom.js';

const STATUS = { pending: '待认证', certified: '已认证', superseded: '已更正' };

/** A star level as the certificate prints it: ★★（2 星级志愿者）. */
function stars(level) {
  return `${'★'.repeat(level)}（${level} 星级志愿者）`;
}

export async function render(target, user) {
  const id = encodeURIComponent(user.volunteerId);
  const [volunteer, hours] = await Promise.all([api(`/volunteers/${id}`), api(`/volunteers/${id}/hours?limit=50`)]);
  const certificate = h('div', { class: 'certificate-box' });
  show(target, h('section', { class: 'me' },
    h('h1', {}, `${volunteer.name} 的志愿服务`),
    h('div', { class: 'totals' },
      h('div', { class: 'total certified' }, h('span', { class: 'big' }, String(hours.certifiedHours)),
        h('span', {}, '已认证时长（小时）'), h('small', { class: 'muted' }, `${hours.certifiedRecords} 条`),
        hours.starLevel > 0 ? h('small', { class: 'star-level' }, stars(hours.starLevel)) : null),
      h('div', { class: 'total pending' }, h('span', { class: 'big' }, String(hours.pendingHours)),
        h('span', {}, '待认证时长（小时）'), h('small', { class: 'muted' }, `${hours.pendingRecords} 条`))),
    h('table', { class: 'records' },
      h('thead', {}, h('tr', {}, ['日期', '内容', '队伍', '时长', '状态'].map((t) => h('th', {}, t)))),
      h('tbody', {}, hours.items.map((r) => h('tr', { dataset: { id: r.id } }, h('td', {}, r.date), h('td', {}, r.content),
        h('td', {}, r.teamName), h('td', {}, String(r.hours)),
        h('td', {}, STATUS[r.status] || r.status, r.disputed ? '（有异议）' : ''))))),
    h('p', {}, h('button', { class: 'show-certificate primary', onclick: () => showCertificate() }, '志愿服务记录证明')),
    certificate));

  async function showCertificate() {
    try {
      const c = await api(`/volunteers/${id}/certificate`);
      show(certificate, h('article', { class: 'certificate' },
        h('h2', {}, c.title),
        h('p', {}, `证明编号：${c.certificateNumber}`),
        h('p', {}, `志愿者：${c.volunteer.name}（志愿者编号：${c.volunteer.volunteerNumber || c.volunteer.id}）`),
        c.volunteer.identity ? h('p', { class: 'identity' }, `证件号码：${c.volunteer.identity.number}`) : null,
        h('p', {}, `累计认证服务时长 ${c.totalHours} 小时，共 ${c.serviceCount} 次服务。`),
        c.starLevel > 0 ? h('p', { class: 'star-level' }, `星级：${stars(c.starLevel)}`) : null,
        h('table', {}, h('thead', {}, h('tr', {}, ['日期', '服务内容', '时长', '组织方'].map((t) => h('th', {}, t)))),
          h('tbody', {}, c.services.map((sv) => h('tr', {}, h('td', {}, sv.date), h('td', {}, sv.content),
            h('td', {}, String(sv.hours)), h('td', {}, sv.organiser))))),
        h('p', { class: 'remarks' }, `备注：${c.remarks || '无'}`),
        h('p', { class: 'issuer' }, `出具单位：${c.issuer}`, h('br'), `负责人：${c.personInCharge || '＿＿＿＿'}　经办人：${c.handler || '＿＿＿＿'}`,
          h('br'), `联系方式：${c.contact || '＿＿＿＿'}`, h('br'), `出具日期：${c.issuedOn}`)),
      h('button', { class: 'print no-print', onclick: () => window.print() }, '打印'));
    } catch (error) {
      notice(certificate, `无法取得证明：${error.message}`, 'error');
    }
  }
}
