import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The payloads a hostile export carries; the report must show each as plain text. */
export const XSS = {
  actor: '<img src=x onerror=alert(1)>',
  entity: '<script>alert(2)</script>',
  agent: '<svg onload=alert(3)>',
  annotation: '<img src=x onerror=alert(4)> look here',
  author: '<b onmouseover=alert(5)>mallory</b>',
} as const;

/**
 * A small wedsync export whose actor, entity ids and user agent are HTML payloads: the
 * actor deletes a burst of guests (so detectors cite its rows as evidence) among ordinary
 * work by others. Returns the export directory.
 */
export async function writeXssArchive(dir: string): Promise<string> {
  const out = join(dir, 'xss-export');
  await mkdir(out, { recursive: true });
  const rows: string[] = [];
  let n = 0;
  const row = (at: Date, user: string, action: string, id: string, agent: string, details: object): void => {
    n++;
    rows.push(
      JSON.stringify({
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        user_id: user,
        action,
        resource_type: action.split('.')[0],
        resource_id: id,
        ip_address: '192.0.2.7',
        user_agent: agent,
        details,
        severity: 'info',
        created_at: at.toISOString(),
      }),
    );
  };
  const start = Date.parse('2026-05-04T08:00:00Z');
  for (let day = 0; day < 6; day++) {
    for (let i = 0; i < 30; i++) {
      const at = new Date(start + day * 86_400_000 + i * 600_000);
      row(at, `planner-${i % 3}`, 'guest.update', `guest-${i}`, 'Mozilla/5.0', {
        changes: { seat: { old: i, new: i + 1 } },
      });
    }
  }
  for (let i = 0; i < 12; i++) {
    row(
      new Date(start + 2 * 86_400_000 + 3_600_000 * 6 + i * 5_000),
      XSS.actor,
      'guest.create',
      `${XSS.entity}${i}`,
      XSS.agent,
      {
        values: { name: XSS.entity },
      },
    );
  }
  for (let i = 0; i < 12; i++) {
    row(
      new Date(start + 2 * 86_400_000 + 3_600_000 * 6 + 70_000 + i * 5_000),
      XSS.actor,
      'guest.delete',
      `${XSS.entity}${i}`,
      XSS.agent,
      {
        values: { name: XSS.entity },
      },
    );
  }
  rows.sort((a, b) => JSON.parse(a).created_at.localeCompare(JSON.parse(b).created_at));
  await writeFile(join(out, 'audit_logs.ndjson'), `${rows.join('\n')}\n`);
  return out;
}

/** A case file beside `archive` holding `annotations` (written in the order given). */
export async function writeCaseFile(archive: string, sha256: string, annotations: object[]): Promise<string> {
  const path = `${archive}.chronocase.json`;
  const data = {
    format: 'chronoscope-case/1',
    archive: { path: archive, sha256 },
    annotations,
    bookmarks: [],
    branches: [],
    views: [],
    rules: [],
    replay: {},
  };
  await writeFile(path, JSON.stringify(data, null, 2));
  return path;
}
