import type { Actor } from './actors.js';
import type { Rng } from './rng.js';
import { Governance } from './blockchainGovernance.js';
import type { Contract } from './blockchainGovernance.js';
import { SYSTEM_USER, Wallets } from './blockchainWallets.js';
import type { EventBody, Follow } from './blockchainWallets.js';

/*
 * The prompt-testing platform of seed 002 as a small state machine: what each actor does
 * next, given the prompts, tests, proposals and wallets that exist. Every collection is
 * capped, so ten million events need no more memory than ten thousand.
 */

const MAX_PROMPTS = 4096;
const PROMPT_REWARD = 10;
const CATEGORIES = ['marketing', 'support', 'legal', 'research', 'sales', 'engineering'];

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

export class Platform {
  readonly wallets = new Wallets();
  readonly governance: Governance;
  private readonly prompts: string[] = [];
  private readonly memberWeights = MEMBER_ACTIONS.map(([, w]) => w);
  private readonly adminWeights = ADMIN_ACTIONS.map(([, w]) => w);

  constructor(
    private readonly rng: Rng,
    private readonly actors: readonly Actor[],
  ) {
    this.governance = new Governance(rng, actors, this.wallets);
  }

  get contracts(): readonly Contract[] {
    return this.governance.contracts;
  }

  /** One action of `actor` at `ms`; `follow` receives what it sets in motion. */
  act(actor: Actor, serial: number, ms: number, follow: Follow): EventBody {
    const admin = actor.role === 'admin';
    const table = admin ? ADMIN_ACTIONS : MEMBER_ACTIONS;
    const kind = table[this.rng.weighted(admin ? this.adminWeights : this.memberWeights)]?.[0] ?? '';
    // An action whose precondition fails (nothing to update yet, no open vote) becomes a new prompt.
    return this.build(kind, actor, serial, ms, follow) ?? this.createPrompt(actor.id, serial, ms, follow);
  }

  private build(kind: string, actor: Actor, serial: number, ms: number, follow: Follow): EventBody | null {
    const u = actor.id;
    switch (kind) {
      case 'prompt_updated':
        return this.onPrompt(kind, u, { title: `Prompt rev ${serial}` });
      case 'prompt_deleted':
        return this.deletePrompt(u);
      case 'test_execution_started':
        return this.startTest(u, serial, ms, follow);
      case 'peer_review':
        return this.onPrompt(kind, u, { rating: this.rng.int(1, 5) });
      case 'quality_improvement':
        return this.onPrompt(kind, u, {
          improvement: this.rng.pick(['clarity', 'accuracy', 'tone', 'length']),
        });
      case 'bug_report':
        return this.bugReport(u, serial);
      case 'document_shared':
      case 'collaboration_started':
      case 'permission_changed':
        return this.onDocument(kind, u);
      case 'proposal_created':
        return this.governance.propose(u, serial, ms, follow);
      case 'vote_cast':
        return this.governance.vote(u);
      case 'tokens_transferred':
        return this.wallets.transfer(u, this.otherActor(u).id, this.rng.int(1, 25));
      case 'user_logout':
        // The next action of this actor opens a new session with a login.
        actor.lastActiveMs = -Infinity;
        return { eventType: kind, userId: u, data: {} };
      case 'contract_deployed':
        return this.governance.deployCustom(u, serial, ms);
      case 'role_granted':
      case 'role_revoked':
        return this.governance.changeRole(kind, u);
      case 'configuration_changed':
        return this.governance.changeConfig(u);
      case 'tokens_minted':
        return this.wallets.mint(u, this.otherActor(u).id, this.rng.int(5, 50), 'exceptional_contribution');
      default:
        return null;
    }
  }

  /** A new prompt; the rewards contract then mints the author's reward. */
  private createPrompt(u: string, serial: number, ms: number, follow: Follow): EventBody {
    const promptId = `prompt_${serial}`;
    if (this.prompts.length >= MAX_PROMPTS) this.prompts[this.rng.int(0, MAX_PROMPTS - 1)] = promptId;
    else this.prompts.push(promptId);
    const contractId = this.governance.contractId(1);
    if (contractId) {
      const reward = (): EventBody =>
        this.wallets.mint(SYSTEM_USER, u, PROMPT_REWARD, 'prompt_created', contractId);
      follow({ ms: ms + this.rng.int(800, 4_000), make: reward });
    }
    const data = { promptId, title: `Prompt ${serial}`, category: this.rng.pick(CATEGORIES) };
    return { eventType: 'prompt_created', userId: u, data };
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

  /** A test run; it completes (or fails) about a minute later, and a poor result alerts the QA contract. */
  private startTest(u: string, serial: number, ms: number, follow: Follow): EventBody | null {
    if (this.prompts.length === 0) return null;
    const promptId = this.rng.pick(this.prompts);
    const executionId = `exec_${serial}`;
    const doneMs = ms + 500 + Math.round(this.rng.exp(45_000));
    if (this.rng.chance(0.12)) {
      const data = {
        promptId,
        executionId,
        error: this.rng.pick(['timeout', 'rate_limited', 'invalid_output']),
      };
      follow({ ms: doneMs, make: () => ({ eventType: 'test_execution_failed', userId: u, data }) });
    } else {
      const successRate = Math.round(Math.max(0, 1 - this.rng.exp(0.12)) * 100) / 100;
      const data = { promptId, executionId, successRate };
      follow({ ms: doneMs, make: () => ({ eventType: 'test_execution_completed', userId: u, data }) });
      const contractId = this.governance.contractId(0);
      if (successRate < 0.8 && contractId) {
        const alert = { contractId, trigger: executionId, actions: ['alert_admin'] };
        follow({
          ms: doneMs + this.rng.int(200, 2_000),
          make: () => ({ eventType: 'contract_executed', userId: SYSTEM_USER, data: alert }),
        });
      }
    }
    return { eventType: 'test_execution_started', userId: u, data: { promptId, executionId } };
  }

  private bugReport(u: string, serial: number): EventBody {
    const severity = this.rng.pick(['low', 'medium', 'high']);
    return {
      eventType: 'bug_report',
      userId: u,
      data: { entityType: 'bug', entityId: `bug_${serial}`, severity },
    };
  }

  private onDocument(eventType: string, u: string): EventBody {
    const data: Record<string, unknown> = { entityType: 'document', entityId: `doc_${this.rng.int(1, 400)}` };
    data.sharedWith = this.otherActor(u).id;
    if (eventType === 'permission_changed') data.permission = this.rng.pick(['view', 'comment', 'edit']);
    return { eventType, userId: u, data };
  }

  private otherActor(u: string): Actor {
    for (let tries = 0; tries < 8; tries++) {
      const other = this.rng.pick(this.actors);
      if (other.id !== u) return other;
    }
    return this.actors.find((a) => a.id !== u) ?? (this.actors[0] as Actor);
  }
}
