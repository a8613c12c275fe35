import type { DetectorId } from '../detectors/types.js';

/** What each detector's score measures, in a few words, for the findings' tables. */
export const DETECTOR_STATISTIC: Record<DetectorId, string> = {
  volume_spike: 'robust z of the hour against the actor’s same hour on other days',
  burst: 'rows of one type in a sliding window',
  off_hours: 'how far below the actor’s usual share of that hour',
  first_seen: 'new values, weighted by the actor’s history',
  rare_action: '−log10 of the type’s share of all rows',
  mass_destructive: 'destructive rows in a sliding window',
  auth_bruteforce: 'failed logins before the success',
  privilege_change: 'rights changed (severity by whose and which)',
  bulk_export: 'exports plus reads over the actor’s norm',
  sequence_gap: 'missing numbered records',
  time_gap: 'hours that would have held activity on an ordinary day',
  peer_deviation: 'robust z of an action’s share against the actor’s peers',
};

/** How each detector decides, after its source documentation (analysis/engine/src/detectors). */
export const DETECTOR_METHODS: Record<DetectorId, string> = {
  volume_spike:
    'Counts an actor’s operations per clock hour (UTC). The baseline is the actor’s own count at the same hour of day on its other active days; robust z = 0.6745·(c − median)/MAD, the scale floored by the MAD of all its active hours and 1. Fires at z ≥ 6 with at least 10 operations and 3 other active days; children of a bulk operation count once, through their parent.',
  burst:
    'For each row, c = the actor’s rows of the same event type in the 120 s up to it. Fires when c ≥ 6 and c ≥ 8 × max(the expected count in such a window of the actor’s active hours, the median c, 1). Bulk children are left out.',
  off_hours:
    'Learns each actor’s hour-of-day histogram leaving the day in question out: share = its events in hours h−1..h+1 on every other day ÷ its events on every other day. An event is off-hours when share < 2 % and the actor has 200+ events on other days; runs of 5+ such events less than an hour apart form one finding.',
  first_seen:
    'The first row of each actor carrying each IP address, user agent and action. It is new when it comes after the actor’s warm-up (50 earlier rows and 24 hours). New addresses or agents are medium (how a stolen login looks); a new action alone is info.',
  rare_action:
    'An event type is rare when it is under 0.1 % of the rows and occurs at most 5 times. Each human actor that did one is a finding (system and service actors do rare chores on schedule). Severity low: a reason to look, not a verdict.',
  mass_destructive:
    'For each destructive row (deletes, removals, bulk deletes), c = the actor’s destructive rows in the 10 minutes up to it. Fires when c ≥ 10 and c ≥ 5 × max(the actor’s own deletes per active hour scaled to the window, the median c, 1).',
  auth_bruteforce:
    'For each successful login, f = failed logins for the same account, or from the same address, in the 30 minutes before it: high at f ≥ 5. Ten or more failures of one key with no success, less than a window apart, are medium.',
  privilege_change:
    'Every permission change on an account (user, role, member, group). Critical when actors change their own rights, high when the new state names an elevated role (admin, owner, root, super, moderator), low otherwise.',
  bulk_export:
    'Over 10 minutes up to each read or export: E = exports, R = reads. Fires when E ≥ 3, or R ≥ 50 and R ≥ 8 × the actor’s usual reads for such a window. High when exports fire, medium for reads alone. Score = E + R/baseline.',
  sequence_gap:
    'Source ids ending in a number form series (prefix + number). A series of 20+ records in which 95 % of steps are +1 is numbered; every larger jump is a finding, counting the missing records.',
  time_gap:
    'For each silence of 30+ minutes, the clock hours wholly inside it, each weighted by the share of the archive’s other days on which that hour held activity. Fires when the weights sum to 3 or more and the archive spans 3+ days: a quiet night adds little, a silent afternoon nearly one an hour.',
  peer_deviation:
    'Peers are actors of the same type and role. For each action, share = the actor’s rows of it ÷ all its rows; robust z = 0.6745·(share − peers’ median)/max(MAD, 0.01). Fires upward only, at z ≥ 6 with at least 10 such rows.',
};

/** What each integrity check recomputes (shared/spec/sources.md and auditpack.md). */
export const CHECK_METHODS: Record<string, string> = {
  record_checksums:
    'Recomputes each record’s sha256 over the canonical JSON (RFC 8785) of the record without its checksum member.',
  change_continuity:
    'Rebuilds the world change by change; each change’s old state must equal the entity’s state before it.',
  delta_vs_new_state:
    'Where a change carries both, its JSON Patch applied to the old state must give its new state.',
  snapshot_checksums: 'Recomputes each snapshot’s sha256 over the canonical JSON of its contents.',
  snapshots_vs_rebuilt_state:
    'Compares each snapshot with the state rebuilt from the log up to its time, entity by entity.',
  bulk_child_counts: 'A bulk or rollback parent’s count must equal the child rows that name it.',
  orphan_children: 'Every child row’s parent operation must be in the log.',
  rollback_links: 'Every row carrying a rollback id must point to a rollback operation.',
  unique_ids: 'Record ids are unique across the live and archive tables.',
  update_old_values:
    'Replays each resource; an update’s old values must equal what the rebuilt resource holds.',
  cycle_sequences:
    'Within a cycle, sequence numbers start at 1 and rise by 1: gaps and duplicates are findings.',
  cycle_time_order: 'Times never go backwards within a cycle.',
  cycle_snapshot_totals:
    'Each cycle snapshot’s battle, credit and prestige totals must equal the sums of that cycle’s events.',
  balance_continuity: 'Each balance-bearing event must start from the balance the user’s previous one left.',
  block_hashes: 'Recomputes sha256(index|timestamp|previousHash|merkleRoot|nonce) for every block.',
  proof_of_work: 'Each block hash must begin with as many hex zeros as the chain’s difficulty.',
  merkle_roots: 'Recomputes each block’s Merkle root over the sha256 of its events’ canonical JSON.',
  previous_hash_links: 'Each block’s previousHash must be the hash of the block before it.',
  block_index_continuity: 'Block indexes run from 0 without gaps or repeats.',
  event_signatures:
    'Checks each event’s HMAC-SHA256 over its canonical JSON with the system’s secret (only when --hmac-secret is given).',
  time_order: 'Times never go backwards in the order records were written in each file.',
  time_after_export: 'No record is dated after the export (the moment Chronoscope imported the archive).',
  silent_gaps:
    'Silences over an hour weighed against the archive’s own rate for those hours of day: observations (info), not proof.',
  checkpoint_signature:
    'The pack’s checkpoint and seals carry valid Ed25519 signatures (of the pinned key when --key is given).',
  seal_chain: 'Each seal is signed and linked to the one before; the checkpoint names the last.',
  leaves_vs_seals: 'The RFC 6962 Merkle tree of the pack’s leaves matches each seal’s root and size.',
  records_vs_leaves:
    'Every record hashes to its leaf: modified, inserted, deleted or reordered records are located.',
};
