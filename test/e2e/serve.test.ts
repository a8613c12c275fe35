import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RpcClient } from '../../analysis/core/src/index.js';
import { WsTransport } from '../../renderer/client/index.js';
import type { WebSocketLike } from '../../renderer/client/index.js';
import { tempDir } from '../helpers/archives.js';

const BIN = join(import.meta.dirname, '../../bin/chronoscope.mjs');
const DEMO = join(import.meta.dirname, '../../assets/demo/wedsync');

interface Announced {
  url: string;
  port: number;
  token: string;
}

/** `chronoscope serve … --json` as the Playwright tests start it; resolves with its one JSON line. */
async function serve(
  args: string[],
): Promise<{ child: ChildProcess; info: Announced; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-open', '--json', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BROWSER: 'none' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = await new Promise<Announced>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Announced));
  });
  return { child, info, stderr: () => stderr };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('chronoscope serve', () => {
  it('says to build the studio first when there is no build', async () => {
    const empty = await tempDir();
    const run = spawnSync(
      process.execPath,
      [BIN, 'serve', '--no-open', '--static', empty, '--cache', empty],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run build');
  });

  it('imports the archive, serves the studio and the contract, and stops on SIGTERM', async () => {
    const work = await tempDir();
    const site = join(work, 'site');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>studio</title>');
    const { child, info } = await serve([DEMO, '--static', site, '--cache', join(work, 'cache'), '--quiet']);
    const stopped = exited(child);

    const url = new URL(info.url);
    expect(url.host).toBe(`127.0.0.1:${info.port}`);
    expect(url.searchParams.get('token')).toBe(info.token);
    expect(info.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('archive')).toBe(DEMO);

    const page = await fetch(info.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${info.port}`);

    const origin = `http://127.0.0.1:${info.port}`;
    const transport = await WsTransport.open(
      `ws://127.0.0.1:${info.port}/rpc?token=${info.token}`,
      (u) => new WebSocket(u, { origin }) as unknown as WebSocketLike,
    );
    const client = new RpcClient(transport);
    expect(await client.handshake()).toMatchObject({ host: 'browser' });
    const archive = await client.call('archive.open', { path: url.searchParams.get('archive')! });
    // serve imported it before printing the URL: the studio finds it in the cache.
    expect(archive).toMatchObject({ system: 'wedsync', fromCache: true });
    client.close();

    child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  });
});
