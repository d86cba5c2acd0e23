// The console's start: read config.json, sign in (the local persona picker or the user pool), then route by #/page.
import { configure } from './api.js';
import { h, show } from './dom.js';
import { tick } from './clock.js';
import { forget } from './registry.js';
import { forgetToken, pagesFor, savedToken, saveToken, userOf } from './session.js';

const app = document.getElementById('app');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const ROLE_NAMES = { resident: '居民', volunteer: '志愿者', team_leader: '队长', dispatcher: '调度员', admin: '管理员' };

let config;
let user;
let leaving = () => {};

async function start() {
  config = await (await fetch('config.json', { cache: 'no-cache' })).json();
  const cognito = config.signIn === 'cognito' ? await import('./cognito.js') : null;
  let token = savedToken();
  if (cognito) {
    const fresh = await cognito.completeSignIn(config);
    if (fresh) saveToken((token = fresh));
  }
  user = token ? userOf(token) : null;
  if (!user) {
    forgetToken();
    configure(config.apiBase, null);
    return signIn(cognito);
  }
  configure(config.apiBase, cognito ? () => cognito.currentToken(config) : token, signOut);
  showWho();
  window.addEventListener('hashchange', route);
  setInterval(tick, 1000);
  route();
}

async function signIn(cognito) {
  show(nav);
  show(who);
  if (cognito) {
    return show(app, h('section', { class: 'signin' }, h('h1', {}, '登录'),
      h('button', { class: 'primary', onclick: () => cognito.signIn(config) }, '用账号登录')));
  }
  const { signInPage } = await import('./pages/signin.js');
  signInPage(app, (token) => {
    saveToken(token);
    location.hash = '#/';
    location.reload();
  });
}

async function signOut() {
  forgetToken();
  forget();
  if (config.signIn === 'cognito') {
    const cognito = await import('./cognito.js');
    return cognito.signOut(config);
  }
  location.hash = '#/';
  location.reload();
}

function showWho() {
  const roles = user.roles.map((r) => ROLE_NAMES[r] || r).join('、');
  show(who, h('span', { class: 'me', title: user.sub }, `${roles} · ${user.sub}`), ' ',
    h('button', { class: 'link', id: 'sign-out', onclick: signOut }, '退出'));
}

async function route() {
  leaving();
  leaving = () => {};
  const pages = pagesFor(user);
  const wanted = location.hash.replace(/^#\/?/, '').split('?')[0];
  const page = pages.find((p) => p.path === wanted) || pages[0];
  show(nav, pages.map((p) => h('a', { href: `#/${p.path}`, class: p === page ? 'current' : null,
    'aria-current': p === page ? 'page' : null }, p.title)));
  document.title = `${page.title} · 点单`;
  show(app, h('p', { class: 'muted' }, '正在载入…'));
  try {
    const module = await import(`./pages/${page.path}.js`);
    const stop = await module.render(app, user);
    if (typeof stop === 'function') leaving = stop;
  } catch (error) {
    show(app, h('p', { class: 'notice error', role: 'alert' }, `载入失败：${error.message}`));
  }
}

start().catch((error) => show(app, h('p', { class: 'notice error', role: 'alert' }, `无法启动：${error.message}`)));
