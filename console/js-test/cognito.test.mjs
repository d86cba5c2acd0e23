// The console's Cognito sign-in (console/site/js/cognito.js) in Node's test runner, with Node's WebCrypto and
// stand-ins for the browser's location, history, sessionStorage and fetch. Run: node --test console/js-test/
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const cognito = await import('../site/js/cognito.js');

const CONFIG = {
  apiBase: 'https://api.example.org',
  signIn: 'cognito',
  cognito: {
    domain: 'diandan-123456789012.auth.cn-north-1.amazoncognito.com',
    clientId: '4tq2kd8rgm1c0a9v7v3ksgl2k5',
    redirectUri: 'https://d111111abcdef8.cloudfront.net/',
    scopes: ['openid'],
  },
};

let assigned;
let posted;
let answers;

class Storage {
  #items = new Map();
  getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
  setItem(key, value) { this.#items.set(key, String(value)); }
  removeItem(key) { this.#items.delete(key); }
}

beforeEach(() => {
  assigned = null;
  posted = [];
  answers = [];
  globalThis.sessionStorage = new Storage();
  globalThis.location = { search: '', assign: (url) => { assigned = new URL(url); } };
  globalThis.history = { replaceState: (state, title, url) => { globalThis.location.search = new URL(url, CONFIG.cognito.redirectUri).search; } };
  globalThis.fetch = async (url, init) => {
    posted.push({ url: String(url), body: new URLSearchParams(init.body) });
    const [status, body] = answers.shift();
    return { ok: status < 300, status, json: async () => body };
  };
});

/** An unsigned JWT with these claims: the module reads exp only; the API checks signatures. */
function jwt(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const inSeconds = (s) => Math.floor(Date.now() / 1000) + s;

test('the S256 challenge is BASE64URL(SHA256(verifier)): RFC 7636 appendix B', async () => {
  const octets = Uint8Array.from([116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22,
    212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]);
  assert.equal(cognito.base64Url(octets), 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  assert.equal(await cognito.challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('a verifier is 43 unreserved characters from 32 random bytes, a new one each time', () => {
  const one = cognito.randomVerifier();
  assert.match(one, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(one, cognito.randomVerifier());
});

test('signIn sends the browser to the hosted UI with code flow, S256 challenge and state', async () => {
  await cognito.signIn(CONFIG);
  assert.equal(assigned.origin, 'https://diandan-123456789012.auth.cn-north-1.amazoncognito.com');
  assert.equal(assigned.pathname, '/oauth2/authorize');
  const q = assigned.searchParams;
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), CONFIG.cognito.clientId);
  assert.equal(q.get('redirect_uri'), CONFIG.cognito.redirectUri);
  assert.equal(q.get('scope'), 'openid');
  assert.equal(q.get('code_challenge_method'), 'S256');
  const pending = JSON.parse(sessionStorage.getItem('diandan.cognito.pending'));
  assert.equal(q.get('state'), pending.state);
  assert.equal(q.get('code_challenge'), await cognito.challengeOf(pending.verifier));
});

test('completeSignIn exchanges the code with the verifier and keeps the ID token', async () => {
  await cognito.signIn(CONFIG);
  const { state, verifier } = JSON.parse(sessionStorage.getItem('diandan.cognito.pending'));
  const idToken = jwt({ sub: 'u1', token_use: 'id', exp: inSeconds(3600) });
  answers.push([200, { id_token: idToken, access_token: 'a', refresh_token: 'r1', expires_in: 3600 }]);
  location.search = `?code=the-code&state=${state}`;
  assert.equal(await cognito.completeSignIn(CONFIG), idToken);
  assert.equal(posted.length, 1);
  assert.equal(posted[0].url, 'https://diandan-123456789012.auth.cn-north-1.amazoncognito.com/oauth2/token');
  assert.deepEqual(Object.fromEntries(posted[0].body), { grant_type: 'authorization_code', client_id: CONFIG.cognito.clientId,
    code: 'the-code', redirect_uri: CONFIG.cognito.redirectUri, code_verifier: verifier });
  assert.equal(location.search, '', 'the code leaves the address bar');
  assert.equal(sessionStorage.getItem('diandan.cognito.pending'), null, 'a code is exchanged once');
  assert.equal(await cognito.currentToken(CONFIG), idToken);
});

test('a return whose state is not the one sent is no sign-in: nothing is exchanged', async () => {
  await cognito.signIn(CONFIG);
  location.search = '?code=the-code&state=forged';
  assert.equal(await cognito.completeSignIn(CONFIG), null);
  assert.equal(posted.length, 0);
  assert.equal(await cognito.currentToken(CONFIG), null);
});

test('a page load that is not a return from the hosted UI resolves to null', async () => {
  assert.equal(await cognito.completeSignIn(CONFIG), null);
  assert.equal(posted.length, 0);
});

test('an expired ID token is refreshed with the refresh token; a refused refresh signs out', async () => {
  await cognito.signIn(CONFIG);
  const { state } = JSON.parse(sessionStorage.getItem('diandan.cognito.pending'));
  answers.push([200, { id_token: jwt({ sub: 'u1', exp: inSeconds(-10) }), refresh_token: 'r1' }]);
  location.search = `?code=c&state=${state}`;
  await cognito.completeSignIn(CONFIG);

  const fresh = jwt({ sub: 'u1', exp: inSeconds(3600) });
  answers.push([200, { id_token: fresh, access_token: 'a2' }]);
  assert.equal(await cognito.currentToken(CONFIG), fresh);
  assert.deepEqual(Object.fromEntries(posted.at(-1).body), { grant_type: 'refresh_token',
    client_id: CONFIG.cognito.clientId, refresh_token: 'r1' });

  sessionStorage.setItem('diandan.cognito.tokens', JSON.stringify({ idToken: jwt({ exp: inSeconds(-10) }), refreshToken: 'r1' }));
  answers.push([400, { error: 'invalid_grant' }]);
  assert.equal(await cognito.currentToken(CONFIG), null);
  assert.equal(sessionStorage.getItem('diandan.cognito.tokens'), null);
});

test('signOut forgets the tokens, revokes the refresh token and leaves through the hosted UI', async () => {
  sessionStorage.setItem('diandan.cognito.tokens', JSON.stringify({ idToken: jwt({ exp: inSeconds(60) }), refreshToken: 'r1' }));
  answers.push([200, {}]);
  await cognito.signOut(CONFIG);
  assert.equal(sessionStorage.getItem('diandan.cognito.tokens'), null);
  assert.equal(posted[0].url, 'https://diandan-123456789012.auth.cn-north-1.amazoncognito.com/oauth2/revoke');
  assert.deepEqual(Object.fromEntries(posted[0].body), { token: 'r1', client_id: CONFIG.cognito.clientId });
  assert.equal(assigned.pathname, '/logout');
  assert.equal(assigned.searchParams.get('client_id'), CONFIG.cognito.clientId);
  assert.equal(assigned.searchParams.get('logout_uri'), CONFIG.cognito.redirectUri);
});
