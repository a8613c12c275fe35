import type { IncidentHandle } from './incidentRecorder.js';
import type { AuditLog } from './robotLog.js';
import { SortedRhythmTimes } from './robotRhythm.js';
import { creditChange, facilityPayload, upgradePayload, weaponPayload } from './robotRows.js';
import { ARMOURY_SIZE, ATTRIBUTES, FACILITIES, WEAPONS, pickUser } from './robotWorld.js';
import type { User, Weapon, World } from './robotWorld.js';
import type { Rng } from './rng.js';

/*
 * What players do between two batches: upgrade robots, buy and upgrade facilities, buy and sell
 * weapons. Each action is two rows, the action and the credit_change it causes.
 */

/** A planted purchase spree: `count` cheap weapons bought by one user a few seconds apart. */
export interface Spree {
  user: User;
  count: number;
  atMs: number;
  handle: IncidentHandle;
}

/** A purchase whose row was later deleted from the log; its credit_change stays. */
export interface DeletedRow {
  user: User;
  handle: IncidentHandle;
}

export interface ActionWindow {
  fromMs: number;
  toMs: number;
  /** Ordinary actions to write (two rows each). */
  actions: number;
  spree: Spree | null;
  deleted: DeletedRow | null;
}

type Kind = 'upgrade' | 'facility' | 'buy' | 'sell';
const KINDS: readonly Kind[] = ['upgrade', 'facility', 'buy', 'sell'];
const KIND_WEIGHTS = [50, 16, 18, 8];
const MAX_ATTRIBUTE = 50;
const MAX_FACILITY = 10;

export class PlayerActions {
  constructor(
    private readonly rng: Rng,
    private readonly world: World,
    private readonly log: AuditLog,
  ) {}

  async run(window: ActionWindow): Promise<void> {
    const units = window.actions + (window.deleted ? 1 : 0);
    if (units === 0 && !window.spree) return;
    const times = units > 0 ? new SortedRhythmTimes(this.rng, window.fromMs, window.toMs, units) : null;
    const deletedAt = window.deleted ? Math.floor(units / 2) : -1;
    const spree = window.spree;
    let spreeLeft = spree?.count ?? 0;
    let spreeMs = spree?.atMs ?? Infinity;
    for (let i = 0; i < units; i++) {
      const ms = (times as SortedRhythmTimes).next();
      for (; spree && spreeLeft > 0 && spreeMs <= ms; spreeLeft--, spreeMs += this.rng.int(4_000, 15_000)) {
        this.spreePurchase(spree, spreeMs);
      }
      if (i === deletedAt && window.deleted) this.deletedPurchase(ms, window.deleted);
      else this.action(ms);
      if (this.log.needsFlush) await this.log.flush();
    }
    for (; spree && spreeLeft > 0; spreeLeft--, spreeMs += this.rng.int(4_000, 15_000))
      this.spreePurchase(spree, spreeMs);
  }

  /** One ordinary action by a user drawn by activity. */
  private action(ms: number): void {
    for (let tries = 0; tries < 4; tries++) {
      const user = pickUser(this.world);
      const kind = KINDS[this.rng.weighted(KIND_WEIGHTS)] as Kind;
      // A maxed-out robot or facility turns into shopping; an empty purse into selling.
      if (this.attempt(user, kind, ms) || this.attempt(user, 'buy', ms) || this.attempt(user, 'sell', ms))
        return;
    }
    // Everyone drawn was broke: the richest stable upgrades something.
    const richest = this.world.users.reduce((a, b) => (b.balance > a.balance ? b : a));
    if (!this.attempt(richest, 'upgrade', ms)) this.upgrade(richest, ms, true);
  }

  private attempt(user: User, kind: Kind, ms: number): boolean {
    switch (kind) {
      case 'upgrade':
        return this.upgrade(user, ms, false);
      case 'facility':
        return this.facility(user, ms);
      case 'buy':
        return user.weapons.length >= ARMOURY_SIZE
          ? this.sell(user, ms)
          : this.buy(user, ms, this.rng.pick(WEAPONS));
      case 'sell':
        return this.sell(user, ms);
    }
  }

  private upgrade(user: User, ms: number, force: boolean): boolean {
    const robot = this.rng.pick(user.robots);
    const index = this.rng.int(0, ATTRIBUTES.length - 1);
    const oldValue = robot.attrs[index] as number;
    const cost = 300 * (oldValue + 1);
    if (!force && (oldValue >= MAX_ATTRIBUTE || user.balance < cost)) return false;
    robot.attrs[index] = oldValue + 1;
    const payload = upgradePayload(ATTRIBUTES[index] as string, oldValue, oldValue + 1, cost);
    const at = this.log.row(ms, 'attribute_upgrade', user.key, robot.key, payload);
    creditChange(this.log, at + this.rng.int(30, 400), user, -cost, 'attribute_upgrade');
    return true;
  }

  private facility(user: User, ms: number): boolean {
    const index = this.rng.int(0, FACILITIES.length - 1);
    const level = (user.facilities[index] as number) + 1;
    const cost = 8_000 * level;
    if (level > MAX_FACILITY || user.balance < cost) return false;
    user.facilities[index] = level;
    const type = level === 1 ? 'facility_purchase' : 'facility_upgrade';
    const at = this.log.row(
      ms,
      type,
      user.key,
      '',
      facilityPayload(FACILITIES[index] as string, level, cost),
    );
    creditChange(this.log, at + this.rng.int(30, 400), user, -cost, type);
    return true;
  }

  private buy(user: User, ms: number, model: { name: string; price: number }): boolean {
    if (user.balance < model.price) return false;
    const weapon: Weapon = { id: this.world.nextWeaponId++, ...model };
    user.weapons.push(weapon);
    const at = this.log.row(
      ms,
      'weapon_purchase',
      user.key,
      '',
      weaponPayload(weapon.id, weapon.name, weapon.price),
    );
    creditChange(this.log, at + this.rng.int(30, 400), user, -weapon.price, 'weapon_purchase');
    return true;
  }

  /** Sells the stable's oldest weapon at half its price. */
  private sell(user: User, ms: number): boolean {
    const weapon = user.weapons.shift();
    if (!weapon) return false;
    const price = Math.floor(weapon.price / 2);
    const at = this.log.row(ms, 'weapon_sale', user.key, '', weaponPayload(weapon.id, weapon.name, price));
    creditChange(this.log, at + this.rng.int(30, 400), user, price, 'weapon_sale');
    return true;
  }

  private spreePurchase(spree: Spree, ms: number): void {
    const model = this.rng.pick(WEAPONS.slice(0, 4));
    const weapon: Weapon = { id: this.world.nextWeaponId++, ...model };
    spree.user.weapons.push(weapon);
    const at = this.log.row(
      ms,
      'weapon_purchase',
      spree.user.key,
      '',
      weaponPayload(weapon.id, weapon.name, weapon.price),
    );
    spree.handle.record(this.log.sourceId, at);
    creditChange(this.log, at + this.rng.int(30, 400), spree.user, -weapon.price, 'weapon_purchase');
    spree.handle.record(this.log.sourceId, this.log.now);
  }

  /** A weapon purchase whose row is missing from the export: its sequence number is skipped. */
  private deletedPurchase(ms: number, { user, handle }: DeletedRow): void {
    const model = WEAPONS[1] as { name: string; price: number };
    const weapon: Weapon = { id: this.world.nextWeaponId++, ...model };
    user.weapons.push(weapon);
    const gone = this.log.skip(ms);
    handle.record(gone.sourceId, gone.ms);
    creditChange(this.log, gone.ms + this.rng.int(30, 400), user, -weapon.price, 'weapon_purchase');
  }
}
