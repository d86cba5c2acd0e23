// Sign-in through the Cognito user pool's hosted UI: authorization code flow with PKCE (RFC 7636, S256) and a
// state value, for a public client (no secret: a browser cannot keep one). The API reads ID tokens (they carry
// `aud` and the custom:* attributes that scope a role; docs/console-deploy.md), so that is what this hands out.
// Tokens live in sessionStorage: this tab only, gone when it closes. No dependencies; WebCrypto for the hashes.

const PENDING = 'diandan.cognito.pending';
const TOKENS = 'diandan.cognito.tokens';
/** A token this close to its expiry is refreshed first: a call made with it must still arrive valid. */
const MARGIN_SECONDS = 60;

/** RFC 4648 base64url without padding, the alphabet of PKCE's verifier and challenge. */
export function base64Url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A code verifier (or state): 32 random bytes, 43 characters, the entropy RFC 7636 asks for. */
export function randomVerifier() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge: BASE64URL(SHA256(ASCII(verifier))). */
export async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** Sends the browser to the hosted UI; it comes back to redirectUri with ?code=...&state=... */
export async function signIn(config) {
  const { clientId, redirectUri, scopes } = config.cognito;
  const pending = { state: randomVerifier(), verifier: randomVerifier() };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL('/oauth2/authorize', hostedUi(config));
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: (scopes || ['openid']).join(' '),
    state: pending.state,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the page load that returns from the hosted UI: checks the state against the one sent, exchanges the code
 * (with the verifier) for tokens and keeps them. Resolves to the ID token, or null when this load is no such
 * return or the return is not one this tab started (another state, an error, a refused exchange).
 */
export async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  // The code is single-use and of no further use in the address bar, the history or a bookmark.
  history.replaceState(null, '', new URL(config.cognito.redirectUri).pathname + (location.hash || ''));
  if (params.has('error')) {
    console.warn('sign-in refused:', params.get('error'), params.get('error_description') || '');
    return null;
  }
  if (!pending || params.get('state') !== pending.state) {
    console.warn('sign-in ignored: its state is not the one this tab sent');
    return null;
  }
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code',
    client_id: config.cognito.clientId,
    code: params.get('code'),
    redirect_uri: config.cognito.redirectUri,
    code_verifier: pending.verifier,
  });
  if (!tokens) return null;
  keep({ idToken: tokens.id_token, refreshToken: tokens.refresh_token });
  return tokens.id_token;
}

/** The ID token while it is valid; refreshed with the refresh token when it is (nearly) expired; else null. */
export async function currentToken(config) {
  const kept = JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
  if (!kept) return null;
  if (expiresAt(kept.idToken) - MARGIN_SECONDS > Date.now() / 1000) return kept.idToken;
  const tokens = kept.refreshToken && await tokenRequest(config, {
    grant_type: 'refresh_token',
    client_id: config.cognito.clientId,
    refresh_token: kept.refreshToken,
  });
  if (!tokens) {
    sessionStorage.removeItem(TOKENS);
    return null;
  }
  keep({ idToken: tokens.id_token, refreshToken: tokens.refresh_token || kept.refreshToken });
  return tokens.id_token;
}

/** Forgets the tokens, revokes the refresh token, and ends the hosted UI's session too (else the next sign-in
 *  would pass straight through as the same person). */
export async function signOut(config) {
  const kept = JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
  sessionStorage.removeItem(TOKENS);
  sessionStorage.removeItem(PENDING);
  if (kept && kept.refreshToken) {
    try {
      await fetch(new URL('/oauth2/revoke', hostedUi(config)), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: kept.refreshToken, client_id: config.cognito.clientId }).toString(),
        keepalive: true,
      });
    } catch (e) {
      console.warn('could not revoke the refresh token:', e);
    }
  }
  const url = new URL('/logout', hostedUi(config));
  url.search = new URLSearchParams({ client_id: config.cognito.clientId, logout_uri: config.cognito.redirectUri })
    .toString();
  location.assign(url.toString());
}

/** The hosted UI's origin; config.json names the domain with or without its scheme. */
function hostedUi(config) {
  const domain = config.cognito.domain;
  return /^https:\/\//.test(domain) ? domain : `https://${domain}`;
}

async function tokenRequest(config, form) {
  try {
    const answer = await fetch(new URL('/oauth2/token', hostedUi(config)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const body = await answer.json();
    if (!answer.ok || !body.id_token) {
      console.warn('the token endpoint refused:', body.error || answer.status);
      return null;
    }
    return body;
  } catch (e) {
    console.warn('the token endpoint could not be reached:', e);
    return null;
  }
}

function keep(tokens) {
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
}

/** The token's exp (seconds); 0 for anything unreadable, which counts as expired. The API checks signatures. */
function expiresAt(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return Number(JSON.parse(atob(part)).exp) || 0;
  } catch {
    return 0;
  }
}
