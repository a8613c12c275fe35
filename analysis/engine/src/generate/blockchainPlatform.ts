import type { Actor } from './actors.js';
import type { Rng } from './rng.js';

/*
 * The prompt / governance / contract / token platform of seed 002, as a state machine small
 * enough to stay bounded: live prompts, open proposals, contracts and wallets are capped, so
 * ten million events need no more memory than ten thousand.
 */

export interface EventBody {
  eventType: string;
  userId: string;
  data: Record<string, unknown>;
}

/** Something that happens later because of an event: a test finishing, a reward, a vote closing. */
export interface FollowUp {
  ms: number;
  make: (serial: number) => EventBody;
}

export const SYSTEM_USER = 'system';
const DAY_MS = 86_400_000;
const MAX_PROMPTS = 4096;
const MAX_OPEN_PROPOSALS = 32;
const MAX_CONTRACTS = 48;
const PROMPT_REWARD = 10;
const CATEGORIES = ['marketing', 'support', 'legal', 'research', 'sales', 'engineering'];
const DOC_PERMISSIONS = ['view', 'comment', 'edit'];

type Weighted = readonly (readonly [string, number])[];
const MEMBER_ACTIONS: Weighted = [
  ['prompt_created', 12],
  ['prompt_updated', 20],
  ['prompt_deleted', 1.5],
  ['test_execution_started', 9],
  ['peer_review', 5],
  ['bug_report', 2],
  ['quality_improvement', 2],
  ['document_shared', 3],
  ['collaboration_started', 1.5],
  ['permission_changed', 1],
  ['proposal_created', 0.6],
  ['vote_cast', 8],
  ['tokens_transferred', 3],
  ['user_logout', 5],
];
const ADMIN_ACTIONS: Weighted = [
  ...MEMBER_ACTIONS,
  ['contract_deployed', 0.5],
  ['role_granted', 0.3],
  ['role_revoked', 0.1],
  ['configuration_changed', 0.6],
  ['tokens_minted', 1],
];

interface Contract {
  id: string;
  name: string;
  code: string;
  conditions: Record<string, string>;
  actions: string[];
  isActive: boolean;
  creator: string;
  deployedAt: string;
}

interface Proposal {
  id: string;
  title: string;
  yes: number;
  no: number;
  abstain: number;
  voters: Set<string>;
}

const BUILT_IN: readonly Omit<Contract, 'id' | 'isActive' | 'creator' | 'deployedAt'>[] = [
  {
    name: 'Quality Assurance Monitor',
    code: 'if test_success_rate < 0.8 then alert_admin',
    conditions: { eventType: 'test_execution_completed' },
    actions: ['alert_admin', 'mint_tokens'],
  },
  {
    name: 'Contribution Rewards',
    code: 'on prompt_created or bug_report mint 10..15',
    conditions: { eventType: 'prompt_created' },
    actions: ['mint_tokens'],
  },
  {
    name: 'Governance Automation',
    code: 'on voting_period_end tally and execute',
    conditions: { eventType: 'proposal_created' },
    actions: ['close_vote', 'execute_proposal'],
  },
];

export class Platform {
  private readonly prompts: string[] = [];
  private readonly proposals = new Map<string, Proposal>();
  readonly contracts: Contract[] = [];
  private readonly tokens = new Map<string, number>();
  private readonly memberWeights: number[];
  private readonly adminWeights: number[];
  private config = { blockSize: 300, difficulty: 3, rewardPerPrompt: PROMPT_REWARD, votingDays: 5 };

  constructor(
    private readonly rng: Rng,
    private readonly actors: readonly Actor[],
  ) {
    this.memberWeights = MEMBER_ACTIONS.map(([, w]) => w);
    this.adminWeights = ADMIN_ACTIONS.map(([, w]) => w);
  }

  balanceOf(userId: string): number {
    return this.tokens.get(userId) ?? 0;
  }

  /** The three contracts the platform ships with, deployed by the system in the first block. */
  builtInDeployment(index: number, ms: number): EventBody {
    const spec = BUILT_IN[index % BUILT_IN.length] as (typeof BUILT_IN)[number];
    return this.deploy(SYSTEM_USER, spec, ms);
  }

  /** One action of `actor`; `follow` receives what it sets in motion. */
  act(actor: Actor, serial: number, ms: number, follow: (f: FollowUp) => void): EventBody {
    const admin = actor.role === 'admin';
    const table = admin ? ADMIN_ACTIONS : MEMBER_ACTIONS;
    const kind =
      table[this.rng.weighted(admin ? this.adminWeights : this.memberWeights)]?.[0] ?? 'prompt_created';
    return this.build(kind, actor, serial, ms, follow) ?? this.createPrompt(actor.id, serial, ms, follow);
  }

  private build(
    kind: string,
    actor: Actor,
    serial: number,
    ms: number,
    follow: (f: FollowUp) => void,
  ): EventBody | null {
    const u = actor.id;
    switch (kind) {
      case 'prompt_created':
        return this.createPrompt(u, serial, ms, follow);
      case 'prompt_updated':
        return this.onPrompt(kind, u, { title: `Prompt rev ${serial}` });
      case 'prompt_deleted':
        return this.deletePrompt(u);
      case 'test_execution_started':
        return this.startTest(u, serial, ms, follow);
      case 'peer_review':
        return this.onPrompt(kind, u, { rating: this.rng.int(1, 5) });
      case 'bug_report':
        return {
          eventType: kind,
          userId: u,
          data: {
            entityType: 'bug',
            entityId: `bug_${serial}`,
            severity: this.rng.pick(['low', 'medium', 'high']),
          },
        };
      case 'quality_improvement':
        return this.onPrompt(kind, u, {
          improvement: this.rng.pick(['clarity', 'accuracy', 'tone', 'length']),
        });
      case 'document_shared':
      case 'collaboration_started':
        return this.onDocument(kind, u);
      case 'permission_changed':
        return this.onDocument(kind, u, { permission: this.rng.pick(DOC_PERMISSIONS) });
      case 'proposal_created':
        return this.createProposal(u, serial, ms, follow);
      case 'vote_cast':
        return this.vote(u);
      case 'tokens_transferred':
        return this.transfer(u, this.otherActor(u).id, this.rng.int(1, 25));
      case 'user_logout':
        actor.lastActiveMs = -Infinity;
        return { eventType: kind, userId: u, data: {} };
      case 'contract_deployed':
        return this.contracts.length < MAX_CONTRACTS ? this.deploy(u, this.customContract(serial), ms) : null;
      case 'role_granted':
      case 'role_revoked':
        return this.changeRole(kind, u);
      case 'configuration_changed':
        return this.changeConfig(u);
      case 'tokens_minted':
        return this.mint(u, this.otherActor(u).id, this.rng.int(5, 50), 'exceptional_contribution');
      default:
        return null;
    }
  }

  private createPrompt(u: string, serial: number, ms: number, follow: (f: FollowUp) => void): EventBody {
    const promptId = `prompt_${serial}`;
    if (this.prompts.length >= MAX_PROMPTS) this.prompts[this.rng.int(0, MAX_PROMPTS - 1)] = promptId;
    else this.prompts.push(promptId);
    const rewards = this.contracts[1];
    if (rewards) {
      const at = ms + this.rng.int(800, 4000);
      follow({
        ms: at,
        make: () => ({
          eventType: 'contract_executed',
          userId: SYSTEM_USER,
          data: { contractId: rewards.id, trigger: promptId, actions: ['mint_tokens'] },
        }),
      });
      follow({
        ms: at + this.rng.int(50, 900),
        make: () => this.mint(SYSTEM_USER, u, PROMPT_REWARD, 'prompt_created'),
      });
    }
    return {
      eventType: 'prompt_created',
      userId: u,
      data: { promptId, title: `Prompt ${serial}`, category: this.rng.pick(CATEGORIES) },
    };
  }

  private onPrompt(eventType: string, u: string, extra: Record<string, unknown>): EventBody | null {
    if (this.prompts.length === 0) return null;
    return { eventType, userId: u, data: { promptId: this.rng.pick(this.prompts), ...extra } };
  }

  private deletePrompt(u: string): EventBody | null {
    if (this.prompts.length < 8) return null;
    const i = this.rng.int(0, this.prompts.length - 1);
    const promptId = this.prompts[i] as string;
    this.prompts[i] = this.prompts[this.prompts.length - 1] as string;
    this.prompts.pop();
    return { eventType: 'prompt_deleted', userId: u, data: { promptId, newState: { deleted: true } } };
  }

  private startTest(u: string, serial: number, ms: number, follow: (f: FollowUp) => void): EventBody | null {
    if (this.prompts.length === 0) return null;
    const promptId = this.rng.pick(this.prompts);
    const executionId = `exec_${serial}`;
    const failed = this.rng.chance(0.12);
    follow({
      ms: ms + Math.round(this.rng.exp(45_000)) + 500,
      make: () =>
        failed
          ? {
              eventType: 'test_execution_failed',
              userId: u,
              data: {
                promptId,
                executionId,
                error: this.rng.pick(['timeout', 'rate_limited', 'invalid_output']),
              },
            }
          : {
              eventType: 'test_execution_completed',
              userId: u,
              data: { promptId, executionId, successRate: Math.round(this.rng.next() * 100) / 100 },
            },
    });
    return { eventType: 'test_execution_started', userId: u, data: { promptId, executionId } };
  }

  private onDocument(eventType: string, u: string, extra: Record<string, unknown> = {}): EventBody {
    const data = {
      entityType: 'document',
      entityId: `doc_${this.rng.int(1, 400)}`,
      sharedWith: this.otherActor(u).id,
      ...extra,
    };
    return { eventType, userId: u, data };
  }

  private createProposal(
    u: string,
    serial: number,
    ms: number,
    follow: (f: FollowUp) => void,
  ): EventBody | null {
    if (this.proposals.size >= MAX_OPEN_PROPOSALS) return null;
    const proposalId = `proposal_${serial}`;
    const title = `Proposal ${serial}: ${this.rng.pick(['raise prompt reward', 'new review policy', 'add analytics dashboard', 'lower block size', 'archive stale prompts'])}`;
    const votingDays = this.rng.int(2, 7);
    this.proposals.set(proposalId, { id: proposalId, title, yes: 0, no: 0, abstain: 0, voters: new Set() });
    follow({ ms: ms + votingDays * DAY_MS, make: () => this.closeProposal(proposalId) });
    return {
      eventType: 'proposal_created',
      userId: u,
      data: { proposalId, title, votingDays, newState: { title, status: 'open', proposer: u } },
    };
  }

  private vote(u: string): EventBody | null {
    for (const proposal of this.proposals.values()) {
      if (proposal.voters.has(u) || !this.rng.chance(0.5)) continue;
      proposal.voters.add(u);
      const vote = this.rng.pick(['yes', 'yes', 'yes', 'no', 'no', 'abstain'] as const);
      const weight = Math.max(1, Math.round(Math.sqrt(this.balanceOf(u))));
      proposal[vote] += weight;
      return { eventType: 'vote_cast', userId: u, data: { proposalId: proposal.id, vote, weight } };
    }
    return null;
  }

  private closeProposal(proposalId: string): EventBody {
    const p = this.proposals.get(proposalId);
    this.proposals.delete(proposalId);
    const passed = p !== undefined && p.yes > p.no;
    const newState = {
      title: p?.title ?? proposalId,
      status: passed ? 'executed' : 'rejected',
      yes: p?.yes ?? 0,
      no: p?.no ?? 0,
      abstain: p?.abstain ?? 0,
    };
    return {
      eventType: passed ? 'proposal_executed' : 'proposal_rejected',
      userId: SYSTEM_USER,
      data: { proposalId, newState },
    };
  }

  /** Moves tokens between wallets; the sender's wallet is the entity, its balance the new state. */
  transfer(from: string, to: string, amount: number): EventBody | null {
    return this.balanceOf(from) < amount ? null : this.move(from, to, amount);
  }

  /** A transfer whatever the balance: only a compromised account does this (see the incidents). */
  move(from: string, to: string, amount: number): EventBody {
    const balance = this.balanceOf(from);
    this.tokens.set(from, balance - amount);
    this.tokens.set(to, this.balanceOf(to) + amount);
    return {
      eventType: 'tokens_transferred',
      userId: from,
      data: {
        entityType: 'wallet',
        entityId: `wallet_${from}`,
        to,
        amount,
        newState: { owner: from, balance: balance - amount },
      },
    };
  }

  mint(by: string, to: string, amount: number, reason: string): EventBody {
    const balance = this.balanceOf(to) + amount;
    this.tokens.set(to, balance);
    return {
      eventType: 'tokens_minted',
      userId: by,
      data: {
        entityType: 'wallet',
        entityId: `wallet_${to}`,
        amount,
        reason,
        newState: { owner: to, balance },
      },
    };
  }

  private deploy(u: string, spec: (typeof BUILT_IN)[number], ms: number): EventBody {
    const contractId = `contract_${this.contracts.length + 1}`;
    const contract: Contract = {
      id: contractId,
      ...spec,
      isActive: true,
      creator: u,
      deployedAt: new Date(ms).toISOString(),
    };
    this.contracts.push(contract);
    return {
      eventType: 'contract_deployed',
      userId: u,
      data: {
        contractId,
        name: spec.name,
        newState: { name: spec.name, conditions: spec.conditions, actions: spec.actions, isActive: true },
      },
    };
  }

  private customContract(serial: number): (typeof BUILT_IN)[number] {
    const eventType = this.rng.pick(['bug_report', 'peer_review', 'test_execution_failed', 'vote_cast']);
    return {
      name: `Automation ${serial}`,
      code: `on ${eventType} notify reviewers`,
      conditions: { eventType },
      actions: ['notify_reviewers'],
    };
  }

  private changeRole(eventType: string, u: string): EventBody | null {
    const granting = eventType === 'role_granted';
    const wanted = granting ? 'member' : 'moderator';
    for (let tries = 0; tries < 16; tries++) {
      const target = this.rng.pick(this.actors);
      if (target.id === u || target.role !== wanted) continue;
      target.role = granting ? 'moderator' : 'member';
      return {
        eventType,
        userId: u,
        data: { entityType: 'user', entityId: target.id, role: 'moderator', newState: { role: target.role } },
      };
    }
    return null;
  }

  /** An actor granting a role to themselves: the privilege-escalation incident. */
  selfGrant(actor: Actor): EventBody {
    actor.role = 'admin';
    return {
      eventType: 'role_granted',
      userId: actor.id,
      data: { entityType: 'user', entityId: actor.id, role: 'admin', newState: { role: 'admin' } },
    };
  }

  private changeConfig(u: string): EventBody {
    const key = this.rng.pick(['blockSize', 'rewardPerPrompt', 'votingDays'] as const);
    const value =
      key === 'blockSize'
        ? this.rng.pick([100, 200, 300, 500])
        : key === 'votingDays'
          ? this.rng.int(3, 7)
          : this.rng.int(8, 15);
    this.config = { ...this.config, [key]: value };
    return {
      eventType: 'configuration_changed',
      userId: u,
      data: { entityType: 'config', entityId: 'platform', key, newState: { ...this.config } },
    };
  }

  private otherActor(u: string): Actor {
    for (let tries = 0; tries < 8; tries++) {
      const other = this.rng.pick(this.actors);
      if (other.id !== u) return other;
    }
    return this.actors.find((a) => a.id !== u) ?? (this.actors[0] as Actor);
  }
}
