import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startHarness, tryUpgrade } from './harness.js';
import type { Harness } from './harness.js';
import { join } from 'node:path';

let h: Harness;
let base: string;

beforeAll(async () => {
  h = await startHarness({ maxUploadBytes: 1024 * 1024 });
  base = `127.0.0.1:${h.server.port}`;
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls Host and Origin as a hostile page or a rebinding attack would. */
function http(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: h.server.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpc = (token: string | null): string =>
  `ws://${base}/rpc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

describe('the WebSocket refuses everyone but the studio page it served', () => {
  it('accepts the right token from its own origin (127.0.0.1 or localhost)', async () => {
    expect(await tryUpgrade(rpc(h.server.token), { origin: h.origin })).toBe('open');
    expect(
      await tryUpgrade(rpc(h.server.token), {
        origin: `http://localhost:${h.server.port}`,
        host: `localhost:${h.server.port}`,
      }),
    ).toBe('open');
  });

  it('refuses a missing or wrong token', async () => {
    expect(await tryUpgrade(rpc(null), { origin: h.origin })).toBe(401);
    expect(await tryUpgrade(rpc(`${h.server.token.slice(0, -1)}x`), { origin: h.origin })).toBe(401);
    expect(await tryUpgrade(rpc(''), { origin: h.origin })).toBe(401);
  });

  it('refuses a foreign page, even with the token', async () => {
    expect(await tryUpgrade(rpc(h.server.token), { origin: 'http://evil.example' })).toBe(403);
    expect(await tryUpgrade(rpc(h.server.token), { origin: `http://127.0.0.1:${h.server.port + 1}` })).toBe(
      403,
    );
    expect(await tryUpgrade(rpc(h.server.token), {})).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    expect(
      await tryUpgrade(rpc(h.server.token), { origin: h.origin, host: `evil.example:${h.server.port}` }),
    ).toBe(403);
  });
});

describe('HTTP', () => {
  it('serves the studio with a strict CSP, nosniff and no referrer', async () => {
    const page = await http('/', { headers: { host: base } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`default-src 'self'`);
    expect(csp).toContain(`script-src 'self'`);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${h.server.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect((await http('/assets/app.js', { headers: { host: base } })).headers['content-type']).toContain(
      'javascript',
    );
  });

  it('refuses a foreign Host, path escapes and directory listings', async () => {
    expect((await http('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    for (const path of [
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc%2fpasswd',
      '/a/..%5c..%5cetc',
    ]) {
      const answer = await http(path, { headers: { host: base } });
      expect([400, 404]).toContain(answer.status);
      expect(answer.body).not.toContain('root:');
    }
    expect((await http('/assets/', { headers: { host: base } })).status).toBe(404);
    expect((await http('/', { method: 'POST', headers: { host: base } })).status).toBe(405);
  });
});

describe('upload (browser mode drag-and-drop)', () => {
  const ours = (): Record<string, string> => ({
    host: base,
    origin: h.origin,
    'x-chronoscope-token': h.server.token,
  });

  it('refuses an upload without the token, from a foreign page or over the size cap', async () => {
    const body = 'x';
    const noToken = await http('/upload?name=a.ndjson', {
      method: 'PUT',
      headers: { host: base, origin: h.origin },
      body,
    });
    expect(noToken.status).toBe(401);
    const foreign = await http('/upload?name=a.ndjson', {
      method: 'PUT',
      headers: { ...ours(), origin: 'http://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const big = await http('/upload?name=a.ndjson', {
      method: 'PUT',
      headers: ours(),
      body: Buffer.alloc(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it('keeps a copy under the cache with a safe name; archive.open opens it', async () => {
    const bytes = await readFile(join(DEMO('wedsync'), 'audit_logs.ndjson.gz'));
    const answer = await http(`/upload?name=${encodeURIComponent('../../evil name.ndjson.gz')}`, {
      method: 'PUT',
      headers: ours(),
      body: bytes,
    });
    expect(answer.status).toBe(200);
    const { path } = JSON.parse(answer.body) as { path: string };
    expect(path.startsWith(join(h.cacheDir, 'uploads'))).toBe(true);
    expect(path.endsWith('/evil_name.ndjson.gz')).toBe(true);
    expect(await readFile(path)).toEqual(bytes);
    const client = await h.connect();
    const info = await client.call('archive.open', { path });
    expect(info).toMatchObject({ system: 'wedsync', path });
    expect(info.records).toBeGreaterThan(0);
  });
});
