// The promise clocks as the board shows them: time left to a deadline, coloured as it nears, ticking each second.
import { h } from './dom.js';

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' });

/** A time as Beijing reads it, e.g. 12/01 10:30. */
export const beijingTime = (iso) => (iso ? TIME.format(new Date(iso)) : '');

/** The Beijing service date of an instant, YYYY-MM-DD (service dates are Beijing days). */
export const beijingDate = (date = new Date()) => DATE.format(date);

/** How far along a clock is: ok (over half its time left), warn (over a fifth), due (less), over (past). */
export function urgency(startIso, deadlineIso, now = Date.now()) {
  const start = Date.parse(startIso);
  const deadline = Date.parse(deadlineIso);
  const left = deadline - now;
  if (left < 0) return 'over';
  const share = left / Math.max(deadline - start, 1);
  return share > 0.5 ? 'ok' : share > 0.2 ? 'warn' : 'due';
}

export function remaining(deadlineIso, now = Date.now()) {
  const left = Date.parse(deadlineIso) - now;
  const abs = Math.abs(left);
  const minutes = Math.floor(abs / 60000);
  let text;
  if (abs < 3600000) text = `${String(minutes).padStart(2, '0')}:${String(Math.floor(abs / 1000) % 60).padStart(2, '0')}`;
  else if (abs < 2 * 86400000) text = `${Math.floor(minutes / 60)}小时${minutes % 60}分`;
  else text = `${Math.floor(minutes / 1440)}天${Math.floor(minutes / 60) % 24}小时`;
  return left < 0 ? `超时 ${text}` : `剩 ${text}`;
}

/** A running clock: its name, time left and colour; it keeps ticking (see tick). */
export function clockChip(name, startIso, deadlineIso, held = false) {
  const chip = h('span', {
    class: `clock clock-${held ? 'held' : urgency(startIso, deadlineIso)}`,
    dataset: held ? {} : { start: startIso, deadline: deadlineIso },
    title: `${name}时限 ${beijingTime(deadlineIso)}`,
  }, h('b', {}, name), ' ', h('span', { class: 'left' }, held ? '暂停中' : remaining(deadlineIso)));
  return chip;
}

/** The clocks of a request still running: respond until accepted, reply until the first reply, resolve until resolved. */
export function runningClocks(request) {
  const sla = request.sla || {};
  const clocks = [];
  if (!sla.respondedAt) clocks.push(['响应', sla.respondBy]);
  if (!sla.repliedAt) clocks.push(['回复', sla.replyBy]);
  if (!sla.resolvedAt) clocks.push(['办结', sla.resolveBy]);
  return clocks.filter(([, deadline]) => deadline);
}

/** The nearest deadline still running, for sorting. */
export const nearestDeadline = (request) =>
  Math.min(...runningClocks(request).map(([, deadline]) => Date.parse(deadline)), Infinity);

/** Moves every clock on the page on by a second. */
export function tick(root = document) {
  const now = Date.now();
  for (const chip of root.querySelectorAll('.clock[data-deadline]')) {
    chip.className = `clock clock-${urgency(chip.dataset.start, chip.dataset.deadline, now)}`;
    chip.querySelector('.left').textContent = remaining(chip.dataset.deadline, now);
  }
}
