// Who is signed in: the bearer token (kept for this tab only) and what its claims let them do.
const KEY = 'diandan.console.token';

export const saveToken = (token) => sessionStorage.setItem(KEY, token);
export const savedToken = () => sessionStorage.getItem(KEY);
export const forgetToken = () => sessionStorage.removeItem(KEY);

/** The claims the API decides by, read from the token (the API checks its signature; this only shapes the pages). */
export function userOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    const groups = claims['cognito:groups'];
    return {
      sub: claims.sub,
      name: claims.name || claims['cognito:username'] || claims.sub,
      roles: Array.isArray(groups) ? groups : String(groups || '').split(/[\s,]+/).filter(Boolean),
      teamId: claims['custom:team_id'] || null,
      areaId: claims['custom:area_id'] || null,
      volunteerId: claims['custom:volunteer_id'] || null,
    };
  } catch {
    return null;
  }
}

const has = (user, role) => user.roles.includes(role);

/** The pages, in the order of the menu, and who sees each (the API decides again on every call). */
export const PAGES = [
  { path: 'board', title: '调度台', for: (u) => (has(u, 'dispatcher') && u.areaId) || has(u, 'admin') },
  { path: 'inbox', title: '队伍待办', for: (u) => has(u, 'team_leader') && u.teamId },
  { path: 'wishes', title: '心愿墙', for: () => true },
  { path: 'dashboard', title: '主任看板', for: (u) => (has(u, 'dispatcher') && u.areaId) || has(u, 'admin') },
  { path: 'me', title: '我的时长', for: (u) => has(u, 'volunteer') && u.volunteerId },
];

export const pagesFor = (user) => PAGES.filter((page) => page.for(user));
