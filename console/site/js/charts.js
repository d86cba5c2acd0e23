// Charts in plain SVG: bars whose length is the number, each with a <title> that the browser shows on hover.
import { s } from './dom.js';

export const CLOCKS = [['respond', '响应'], ['reply', '回复'], ['resolve', '办结']];
const WIDTH = 640;
const LABEL = 150;
const BAR = 12;

const percent = (share) => `${Math.round(share * 1000) / 10}%`;

/**
 * Share of each clock met, one row of three bars per group: [{label, respond, reply, resolve}] where each clock
 * is the report's {judged, met, shareMet}. A clock nothing was judged by yet is drawn as an empty outline.
 */
export function shareChart(groups, caption) {
  const row = BAR * 3 + 14;
  const height = Math.max(groups.length, 1) * row + 24;
  const scale = WIDTH - LABEL - 60;
  return s('svg', { class: 'chart share', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': caption },
    s('title', {}, caption),
    [0, 0.5, 1].map((tick) => [
      s('line', { x1: LABEL + tick * scale, x2: LABEL + tick * scale, y1: 0, y2: height - 18, class: 'grid' }),
      s('text', { x: LABEL + tick * scale, y: height - 4, class: 'axis', 'text-anchor': 'middle' }, percent(tick))]),
    groups.map((group, i) => {
      const top = i * row + 4;
      return s('g', { class: 'group' },
        s('text', { x: LABEL - 8, y: top + BAR * 1.5 + 4, class: 'label', 'text-anchor': 'end' }, group.label),
        CLOCKS.map(([key, name], k) => {
          const clock = group[key] || {};
          const y = top + k * BAR;
          const judged = clock.judged > 0 && clock.shareMet !== null && clock.shareMet !== undefined;
          const text = judged ? `${group.label} · ${name}：${clock.met}/${clock.judged} 守约 ${percent(clock.shareMet)}`
            : `${group.label} · ${name}：尚无可评判的诉求`;
          return s('g', { class: `bar ${key}` }, s('title', {}, text),
            judged ? s('rect', { x: LABEL, y, width: Math.max(clock.shareMet * scale, 1), height: BAR - 2, class: key })
              : s('rect', { x: LABEL, y, width: scale, height: BAR - 2, class: 'none' }),
            judged ? s('text', { x: LABEL + clock.shareMet * scale + 4, y: y + BAR - 3, class: 'value' },
              percent(clock.shareMet)) : null);
        }));
    }));
}

/** Plain horizontal bars: [{label, value, title}], the longest the largest value. */
export function barChart(items, caption, unit = '') {
  const row = 22;
  const height = Math.max(items.length, 1) * row + 4;
  const scale = WIDTH - LABEL - 70;
  const max = Math.max(...items.map((item) => item.value), 1);
  return s('svg', { class: 'chart bars', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': caption },
    s('title', {}, caption),
    items.map((item, i) => s('g', { class: 'bar' },
      s('title', {}, item.title || `${item.label}：${item.value}${unit}`),
      s('text', { x: LABEL - 8, y: i * row + 15, class: 'label', 'text-anchor': 'end' }, item.label),
      s('rect', { x: LABEL, y: i * row + 4, width: Math.max((item.value / max) * scale, 1), height: row - 8 }),
      s('text', { x: LABEL + (item.value / max) * scale + 4, y: i * row + 15, class: 'value' }, `${item.value}${unit}`))));
}
