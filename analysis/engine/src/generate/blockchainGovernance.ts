import type { Actor } from './actors.js';
import type { Rng } from './rng.js';
import { SYSTEM_USER } from './blockchainWallets.js';
import type { EventBody, Follow, Wallets } from './blockchainWallets.js';

const DAY_MS = 86_400_000;
/** Open proposals and contracts are capped so that state stays bounded however long the export. */
const MAX_OPEN_PROPOSALS = 32;
const MAX_CONTRACTS = 48;
const TOPICS = ['raise prompt reward', 'new review policy', 'add analytics dashboard', 'lower block size'];

export interface Contract {
  id: string;
  name: string;
  code: string;
  conditions: Record<string, string>;
  actions: string[];
  isActive: boolean;
  creator: string;
  deployedAt: string;
}

type ContractSpec = Pick<Contract, 'name' | 'code' | 'conditions' | 'actions'>;

interface Proposal {
  title: string;
  yes: number;
  no: number;
  abstain: number;
  voters: Set<string>;
}

/** The contracts seed 002 says the platform ships with. */
const BUILT_IN: readonly ContractSpec[] = [
  {
    name: 'Quality Assurance Monitor',
    code: 'if test_success_rate < 0.8 then alert_admin',
    conditions: { eventType: 'test_execution_completed' },
    actions: ['alert_admin', 'mint_tokens'],
  },
  {
    name: 'Contribution Rewards',
    code: 'on prompt_created mint 10',
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

/** Proposals and token-weighted votes, smart contracts, roles and platform configuration. */
export class Governance {
  readonly contracts: Contract[] = [];
  private readonly proposals = new Map<string, Proposal>();
  private config = { blockSize: 300, difficulty: 3, rewardPerPrompt: 10, votingDays: 5 };

  constructor(
    private readonly rng: Rng,
    private readonly actors: readonly Actor[],
    private readonly wallets: Wallets,
  ) {}

  /** The id of built-in contract `index` (0 quality assurance, 1 rewards), once deployed. */
  contractId(index: number): string | null {
    return this.contracts[index]?.id ?? null;
  }

  builtIn(index: number, ms: number): EventBody {
    return this.deploy(SYSTEM_USER, BUILT_IN[index % BUILT_IN.length] as ContractSpec, ms);
  }

  deployCustom(u: string, serial: number, ms: number): EventBody | null {
    if (this.contracts.length >= MAX_CONTRACTS) return null;
    const eventType = this.rng.pick(['bug_report', 'peer_review', 'test_execution_failed', 'vote_cast']);
    const spec = {
      name: `Automation ${serial}`,
      code: `on ${eventType} notify reviewers`,
      conditions: { eventType },
    };
    return this.deploy(u, { ...spec, actions: ['notify_reviewers'] }, ms);
  }

  private deploy(u: string, spec: ContractSpec, ms: number): EventBody {
    const contractId = `contract_${this.contracts.length + 1}`;
    this.contracts.push({
      id: contractId,
      ...spec,
      isActive: true,
      creator: u,
      deployedAt: new Date(ms).toISOString(),
    });
    const newState = { name: spec.name, conditions: spec.conditions, actions: spec.actions, isActive: true };
    return { eventType: 'contract_deployed', userId: u, data: { contractId, name: spec.name, newState } };
  }

  propose(u: string, serial: number, ms: number, follow: Follow): EventBody | null {
    if (this.proposals.size >= MAX_OPEN_PROPOSALS) return null;
    const proposalId = `proposal_${serial}`;
    const title = `Proposal ${serial}: ${this.rng.pick(TOPICS)}`;
    const votingDays = this.rng.int(2, 7);
    this.proposals.set(proposalId, { title, yes: 0, no: 0, abstain: 0, voters: new Set() });
    follow({ ms: ms + votingDays * DAY_MS, make: () => this.close(proposalId) });
    const newState = { title, status: 'open', proposer: u };
    return { eventType: 'proposal_created', userId: u, data: { proposalId, title, votingDays, newState } };
  }

  /** A vote on some open proposal the user has not voted on, weighted by the square root of their tokens. */
  vote(u: string): EventBody | null {
    for (const [proposalId, proposal] of this.proposals) {
      if (proposal.voters.has(u) || !this.rng.chance(0.5)) continue;
      proposal.voters.add(u);
      const vote = this.rng.pick(['yes', 'yes', 'yes', 'no', 'no', 'abstain'] as const);
      const weight = Math.max(1, Math.round(Math.sqrt(Math.max(0, this.wallets.balanceOf(u)))));
      proposal[vote] += weight;
      return { eventType: 'vote_cast', userId: u, data: { proposalId, vote, weight } };
    }
    return null;
  }

  /** The governance contract tallies a proposal when its voting period ends. */
  private close(proposalId: string): EventBody {
    const p = this.proposals.get(proposalId);
    this.proposals.delete(proposalId);
    const passed = p !== undefined && p.yes > p.no;
    const tally = { yes: p?.yes ?? 0, no: p?.no ?? 0, abstain: p?.abstain ?? 0 };
    const newState = { title: p?.title ?? proposalId, status: passed ? 'executed' : 'rejected', ...tally };
    return {
      eventType: passed ? 'proposal_executed' : 'proposal_rejected',
      userId: SYSTEM_USER,
      data: { proposalId, newState },
    };
  }

  /** An admin promotes a member to moderator, or demotes a moderator. */
  changeRole(eventType: 'role_granted' | 'role_revoked', u: string): EventBody | null {
    const granting = eventType === 'role_granted';
    for (let tries = 0; tries < 16; tries++) {
      const target = this.rng.pick(this.actors);
      if (target.id === u || target.role !== (granting ? 'member' : 'moderator')) continue;
      target.role = granting ? 'moderator' : 'member';
      const data = {
        entityType: 'user',
        entityId: target.id,
        role: 'moderator',
        newState: { role: target.role },
      };
      return { eventType, userId: u, data };
    }
    return null;
  }

  /** An actor granting a role to themselves: the privilege-escalation incident. */
  selfGrant(actor: Actor): EventBody {
    actor.role = 'admin';
    const data = { entityType: 'user', entityId: actor.id, role: 'admin', newState: { role: 'admin' } };
    return { eventType: 'role_granted', userId: actor.id, data };
  }

  changeConfig(u: string): EventBody {
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
}
