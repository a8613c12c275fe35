/** An event body before it gets its id, timestamp and signature. */
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

export type Follow = (followUp: FollowUp) => void;

/** The user id under which the platform itself (contracts, governance, start-up) records events. */
export const SYSTEM_USER = 'system';

/**
 * Quality-token balances. A wallet is its own entity (`wallet`, `wallet_<user>`) whose state is
 * `{owner, balance}`, so that the reconstructed balance of an account can be followed in time.
 */
export class Wallets {
  private readonly tokens = new Map<string, number>();

  balanceOf(userId: string): number {
    return this.tokens.get(userId) ?? 0;
  }

  /** A transfer the platform accepts: never more than the sender holds. */
  transfer(from: string, to: string, amount: number): EventBody | null {
    return this.balanceOf(from) < amount ? null : this.move(from, to, amount);
  }

  /** A transfer whatever the balance: only a compromised account does this (see the incidents). */
  move(from: string, to: string, amount: number): EventBody {
    const balance = this.balanceOf(from) - amount;
    this.tokens.set(from, balance);
    this.tokens.set(to, this.balanceOf(to) + amount);
    const data = {
      entityType: 'wallet',
      entityId: `wallet_${from}`,
      to,
      amount,
      newState: { owner: from, balance },
    };
    return { eventType: 'tokens_transferred', userId: from, data };
  }

  /** New tokens for `to`, minted by an admin or by a contract (`contractId`). */
  mint(by: string, to: string, amount: number, reason: string, contractId?: string): EventBody {
    const balance = this.balanceOf(to) + amount;
    this.tokens.set(to, balance);
    const data: Record<string, unknown> = { entityType: 'wallet', entityId: `wallet_${to}`, amount, reason };
    if (contractId) data.contractId = contractId;
    data.newState = { owner: to, balance };
    return { eventType: 'tokens_minted', userId: by, data };
  }
}
