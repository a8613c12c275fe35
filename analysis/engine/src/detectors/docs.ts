import type { DetectorId } from './types.js';

/**
 * What each detector computes, in words a person checks a finding against: the studio's help
 * shows these, the README's detectors section repeats them. Setting names are those of
 * `settings.ts`; defaults in brackets. The detector files hold the SQL and the reasons for it.
 */
export interface DetectorDoc {
  id: DetectorId;
  title: string;
  statistic: string;
}

const BURST_BASELINE =
  'b = max(λ, p_own, p_peers, 1): λ = the key’s rows ÷ the actor’s active hours × the window (its expected count in ordinary work); ' +
  'p_own = the 90th percentile of the actor’s daily peaks on its other days (a daily peak = the day’s largest count in one window-long tumbling bucket); ' +
  'p_peers = the median of that percentile over the actors of the same type and role.';

export const DETECTOR_DOCS: readonly DetectorDoc[] = [
  {
    id: 'volume_spike',
    title: 'Volume spike',
    statistic:
      'c = the actor’s operations in one clock hour (UTC; the rows of a bulk operation count once, through their parent). ' +
      'Robust z = 0.6745·(c − m)/s, m = the median of the actor’s counts at that hour of day over all its active days (0 where it was active that day but not in that hour), ' +
      's = max(MAD at that hour, MAD over all its active hours, 1). Fires when z ≥ minZ [6], c ≥ minCount [10] and the actor was active on more than minDays [3] days. ' +
      'Severity medium: a busy hour is context, shown beside another kind of signal. Score = z.',
  },
  {
    id: 'burst',
    title: 'Burst',
    statistic:
      'c = the actor’s rows of one event type in the windowSeconds [120 s] up to each row (children of a bulk operation left out). ' +
      `Fires when c ≥ minCount [6] and c ≥ ratio [5]·b, ${BURST_BASELINE} ` +
      'Firing rows less than a window apart are one finding. Severity high when c ≥ 4·ratio·b, else medium. Score = max c ÷ b.',
  },
  {
    id: 'off_hours',
    title: 'Off hours',
    statistic:
      'For an operation at hour h on day d: share = the actor’s operations in hours h−1..h+1 (UTC) on its other days ÷ all its operations on other days (leave-one-day-out, so a night of sabotage does not teach that night is normal). ' +
      'Off hours when share < maxShare [2 %], with at least minHistory [200] operations on more than minDays [3] other days. ' +
      'Off-hours operations of one actor less than an hour apart are one finding when there are at least minEvents [5]. ' +
      'Severity high at 10·minEvents, or at 4·minEvents when share ≤ maxShare/20 (an hour the account has never kept); else medium. Score = (1 − share/maxShare)·ln(1 + n).',
  },
  {
    id: 'first_seen',
    title: 'First seen',
    statistic:
      'For each actor and each address, user agent and action: the first row carrying it. New when it comes after warm-up: at least warmupEvents [50] of the actor’s rows in earlier clock hours and warmupHours [24] after its first row. ' +
      'New values less than evidenceMinutes [60] apart are one finding. Severity medium for a new address or user agent, info for a new action alone. Score = new values + ln(known rows).',
  },
  {
    id: 'rare_action',
    title: 'Rare action',
    statistic:
      'An event type is rare when it is under maxShare [0.1 %] of the rows and occurs at most maxOccurrences [5] times. One finding per actor (not system or service) that did one. Severity low. Score = −log10(share).',
  },
  {
    id: 'mass_destructive',
    title: 'Mass destruction',
    statistic:
      'c = the actor’s deletes and removals (action delete, or a type naming delete or remove; a bulk operation counts once) in the windowSeconds [10 min] up to each one. ' +
      `Fires when c ≥ minCount [10] and c ≥ ratio [5]·b, ${BURST_BASELINE} ` +
      'Severity high when c ≥ 4·ratio·b, else medium. Score = max c ÷ b.',
  },
  {
    id: 'auth_bruteforce',
    title: 'Password guessing',
    statistic:
      'For each successful login: f = failed logins for the same account, or separately from the same address, in the windowSeconds [30 min] before it. ' +
      'High when f ≥ minFailures [5] (of the keys seeing the same failures, the one with most is kept). Failures without a success: medium when at least minFailuresWithoutSuccess [10] of one key come less than a window apart. Score = f.',
  },
  {
    id: 'privilege_change',
    title: 'Privilege change',
    statistic:
      'Every permission change on an account (entity type user, account, role, member or group, or a type naming a role). ' +
      'Critical when the actor changed its own rights, high when the new state names admin, owner, root or super, low otherwise. Score 3 / 2 / 1.',
  },
  {
    id: 'bulk_export',
    title: 'Bulk export',
    statistic:
      'Per actor, in the windowSeconds [10 min] up to each row: E = exports, R = reads. ' +
      `Exports fire when E ≥ minExports [4] and E ≥ exportRatio [3]·b; reads when R ≥ minReads [50] and R ≥ ratio [8]·b; ${BURST_BASELINE} ` +
      'Severity high at 4× the ratio, else medium. Score = peak ÷ b.',
  },
  {
    id: 'sequence_gap',
    title: 'Sequence gap',
    statistic:
      'Source ids ending in a number form series by prefix (3:136 → series “3:”). A series of at least minRun [20] ids of which at least minRegularity [95 %] of consecutive numbers differ by 1 is numbered; every jump of more than 1 is a finding (count = missing ids). ' +
      'Above 200,000 rows the series are first found on a 2 % sample. Severity high. Score = missing ids.',
  },
  {
    id: 'time_gap',
    title: 'Time gap',
    statistic:
      'For every silence of at least minGapMinutes [30] between consecutive rows: E = Σ over the hours it covers of r_h × the part of the hour inside it, r_h = the archive’s mean rows per day at that hour of day. ' +
      'Fires when E ≥ minExpected [50] and the archive spans at least minDays [2] days (by chance, such a silence has probability about e^−E). Severity high when E ≥ 10·minExpected. Score = E.',
  },
  {
    id: 'peer_deviation',
    title: 'Peer deviation',
    statistic:
      'Peers = actors of the same type and role (the type alone when the role has minPeers [3] or fewer other actors). For each sensitive action (delete, export, permission or configuration change, rollback, failed login): ' +
      'share = the actor’s rows of it ÷ all its rows; robust z = 0.6745·(share − median)/max(MAD, 0.01) over the peers. Fires upward when z ≥ minZ [6] and the actor did at least minCount [10]. Severity low, medium at 2·minZ. Score = z.',
  },
];
