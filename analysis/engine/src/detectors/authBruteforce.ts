import type { Detector, DetectorContext, Finding } from './types.js';
import { isoSql } from '../store/ArchiveStore.js';
import { figure, num, runFindings, shortTime, text } from './sqlKit.js';

/**
 * `auth_bruteforce`: failed logins, then a success, for the same account or from the same
 * address.
 *
 * Statistic: for each successful `login`, f = the `login_failed` rows with the same
 * `actor_id` (the account tried), or separately the same `ip`, in the `windowSeconds`
 * (default 30 min) before it. Fires (high) when f ≥ `minFailures`; of the keys that see the
 * same failures only the one with most is kept. Failures with no success at all fire (medium)
 * when at least `minFailuresWithoutSuccess` of one key fall less than a window apart. Keying
 * by address too matters: a failed login often names the tried address or nobody at all.
 * Score = f.
 */
export const authBruteforce: Detector = {
  id: 'auth_bruteforce',
  run(ctx: DetectorContext): Promise<Finding[]> {
    const s = ctx.settings.authBruteforce;
    const w = num(s.windowSeconds);
    const max = Math.max(1, Math.floor(ctx.settings.maxEvidence));
    const sql = `
      WITH logins AS (SELECT seq, ts, action, actor_id, ip FROM ${ctx.source} WHERE action IN ('login', 'login_failed')),
      keyed AS (
        SELECT *, 'account' AS kind, actor_id AS key FROM logins WHERE actor_id IS NOT NULL
        UNION ALL SELECT *, 'address', ip FROM logins WHERE ip IS NOT NULL),
      hits AS (
        SELECT s.seq AS s_seq, any_value(s.ts) AS s_ts, any_value(s.actor_id) AS actor, s.kind, s.key,
               count(*) AS nf, list(f.seq ORDER BY f.seq) AS fs, min(f.seq) AS f_first, min(f.ts) AS f_ts
        FROM keyed s JOIN keyed f ON f.kind = s.kind AND f.key = s.key AND f.action = 'login_failed'
          AND f.ts BETWEEN s.ts - INTERVAL ${w} SECOND AND s.ts
        WHERE s.action = 'login' GROUP BY s.seq, s.kind, s.key HAVING count(*) >= ${num(s.minFailures)}),
      first_success AS (SELECT * FROM hits QUALIFY row_number() OVER (PARTITION BY kind, key, f_first ORDER BY s_seq) = 1),
      best AS (SELECT * FROM first_success QUALIFY row_number() OVER (PARTITION BY s_seq ORDER BY nf DESC, kind) = 1),
      fails AS (
        SELECT *, sum(CASE WHEN prev IS NULL OR epoch_ms(ts) - epoch_ms(prev) > ${num(s.windowSeconds * 1000)} THEN 1 ELSE 0 END)
          OVER (PARTITION BY kind, key ORDER BY ts) AS ep
        FROM (SELECT *, lag(ts) OVER (PARTITION BY kind, key ORDER BY ts) AS prev FROM keyed WHERE action = 'login_failed')),
      unanswered AS (
        SELECT kind, key, any_value(actor_id) AS actor, count(*) AS nf, list(seq ORDER BY seq) AS fs,
               min(ts) AS lo, max(ts) AS hi
        FROM fails GROUP BY kind, key, ep HAVING count(*) >= ${num(s.minFailuresWithoutSuccess)})
      SELECT 'high' AS severity, nf AS score, actor, NULL AS entity,
             ${isoSql('f_ts')} AS from_iso, ${isoSql('s_ts')} AS to_iso, nf + 1 AS count,
             list_append(fs, s_seq)[1:${max}] AS evidence, kind, key, nf
      FROM best
      UNION ALL
      SELECT 'medium', nf, actor, NULL, ${isoSql('lo')}, ${isoSql('hi')}, nf, fs[1:${max}], kind, key, nf
      FROM unanswered u
      WHERE NOT EXISTS (SELECT 1 FROM best b WHERE b.kind = u.kind AND b.key = u.key AND b.s_ts BETWEEN u.lo AND u.hi + INTERVAL ${w} SECOND)
      ORDER BY score DESC`;
    return runFindings(ctx, 'auth_bruteforce', sql, (r) => {
      const key = `${text(r, 'kind') === 'address' ? 'from address' : 'for account'} ${text(r, 'key')}`;
      return r['severity'] === 'high'
        ? `${figure(r, 'nf')} failed logins ${key}, then a successful login as ${text(r, 'actor')} at ${shortTime(text(r, 'to_iso'))}`
        : `${figure(r, 'nf')} failed logins ${key} between ${shortTime(text(r, 'from_iso'))} and ${shortTime(text(r, 'to_iso'))}, none successful`;
    });
  },
};
