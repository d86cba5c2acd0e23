// The local stack's sign-in: pick a demo persona, get the local token for it (local only; AWS uses the user pool).
import { h, notice, show } from '../dom.js';

export async function signInPage(target, signedIn) {
  const personas = await (await fetch('_local/sign-in', { cache: 'no-store' })).json();
  const status = h('div');
  const choose = async (persona) => {
    const response = await fetch('_local/sign-in', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona: persona.id }),
    });
    if (!response.ok) return notice(status, `无法登录：HTTP ${response.status}`, 'error');
    signedIn((await response.json()).token);
  };
  show(target, h('section', { class: 'signin' },
    h('h1', {}, '选择演示身份登录'),
    h('p', { class: 'muted' }, '本地演示环境：选择一个身份，即以其权限使用控制台。'),
    h('ul', { class: 'personas' }, personas.map((persona) => h('li', {},
      h('button', { class: 'persona', dataset: { persona: persona.id }, onclick: () => choose(persona) },
        h('b', {}, persona.title), h('span', {}, persona.name))))),
    status));
}
