// console/deploy against a stand-in for the aws CLI that records its calls and answers describe-stacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONSOLE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FAKE_AWS = `#!/usr/bin/env bash
call="$*"
printf '%s\\n' "\${call//$'\\n'/ }" >> "$AWS_LOG"
case "$1 $2" in
  "cloudformation describe-stacks") printf '%s\\n' "$AWS_OUTPUTS" ;;
  "s3 cp") cp "$3" "$AWS_CONFIG" ;;
  "cloudfront create-invalidation") echo I2J3K4 ;;
esac
`;

function deploy(outputs, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'console-deploy-'));
  writeFileSync(join(dir, 'aws'), FAKE_AWS);
  chmodSync(join(dir, 'aws'), 0o755);
  const run = spawnSync(join(CONSOLE, 'deploy'), ['diandan-prod'], {
    encoding: 'utf8',
    env: { PATH: `${dir}:${process.env.PATH}`, AWS_LOG: join(dir, 'log'), AWS_CONFIG: join(dir, 'config.json'),
      AWS_OUTPUTS: outputs.join('\t'), ...env },
  });
  const read = (name) => { try { return readFileSync(join(dir, name), 'utf8'); } catch { return ''; } };
  return { status: run.status, stderr: run.stderr, calls: read('log').trim().split('\n'), config: read('config.json') };
}

const STACK = ['https://abc123.execute-api.cn-north-1.amazonaws.com', 'https://d111111abcdef8.cloudfront.net/',
  'diandan-prod-consolebucket-1x2y3z', 'E2QWRUHAPOMQZL'];

test('with the stack\'s own pool: config.json from the outputs, site synced, config uncached, edge invalidated', () => {
  const run = deploy([...STACK, '4tq2kd8rgm1c0a9v7v3ksgl2k5', 'diandan-123456789012.auth.cn-north-1.amazoncognito.com']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.config), {
    apiBase: STACK[0],
    signIn: 'cognito',
    cognito: { domain: 'diandan-123456789012.auth.cn-north-1.amazoncognito.com', clientId: '4tq2kd8rgm1c0a9v7v3ksgl2k5',
      redirectUri: STACK[1], scopes: ['openid'] },
  });
  const [describe, sync, copy, invalidate] = run.calls;
  assert.match(describe, /^cloudformation describe-stacks --stack-name diandan-prod /);
  assert.equal(sync, `s3 sync ${CONSOLE}/site s3://${STACK[2]}/ --delete --exclude config.json --no-progress`);
  assert.match(copy, new RegExp(`^s3 cp \\S+ s3://${STACK[2]}/config.json --content-type application/json --cache-control no-store`));
  assert.match(invalidate, new RegExp(`^cloudfront create-invalidation --distribution-id ${STACK[3]} --paths /\\*`));
});

test('with an external issuer: its hosted sign-in must be named, and is then used', () => {
  const refused = deploy([...STACK, 'None', 'None']);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /set CONSOLE_AUTH_DOMAIN and CONSOLE_CLIENT_ID/);
  assert.deepEqual(refused.calls.slice(1), [], 'nothing uploaded');

  const run = deploy([...STACK, 'None', 'None'], { CONSOLE_AUTH_DOMAIN: 'login.example.org',
    CONSOLE_CLIENT_ID: 'desk-console', CONSOLE_SCOPES: 'openid profile' });
  assert.equal(run.status, 0, run.stderr);
  const { cognito } = JSON.parse(run.config);
  assert.deepEqual(cognito, { domain: 'login.example.org', clientId: 'desk-console', redirectUri: STACK[1],
    scopes: ['openid', 'profile'] });
});

test('a stack without the console\'s outputs is refused before anything is uploaded', () => {
  const run = deploy(['https://abc123.execute-api.cn-north-1.amazonaws.com', 'None', 'None', 'None', 'None', 'None']);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /has no console_url output/);
  assert.equal(run.calls.length, 1);
});
