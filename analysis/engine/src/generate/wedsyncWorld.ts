import type { Rng } from './rng.js';

/** A WedSync record's fields: flat JSON scalars. */
export type Values = Record<string, string | number | boolean>;

export type ResourceType = 'guest' | 'vendor' | 'wedding' | 'task' | 'payment';

export interface Resource {
  id: string;
  values: Values;
}

interface Spec {
  prefix: string;
  /** Live records never exceed this: deletes take over near the cap. */
  cap: number;
  make: (rng: Rng, serial: number, world: WedsyncWorld) => Values;
  edit: (rng: Rng, values: Values) => Values;
}

const DIETS = ['none', 'vegetarian', 'vegan', 'gluten_free', 'halal', 'kosher', 'nut_allergy'];
const FIRST = [
  'Alex',
  'Bea',
  'Carlos',
  'Dana',
  'Elif',
  'Femi',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Keiko',
  'Luca',
];
const LAST = ['Meyer', 'Okafor', 'Rossi', 'Sato', 'Novak', 'Haddad', 'Lind', 'Costa', 'Ward', 'Bauer'];
const CATEGORIES = ['florist', 'caterer', 'photographer', 'band', 'venue', 'baker', 'planner'];
const VENUES = ['Lakeside Barn', 'Old Mill', 'Harbor Hall', 'Villa Aurora', 'Rose Garden'];
const TASKS = [
  'Confirm menu',
  'Send invitations',
  'Book shuttle',
  'Seating chart',
  'Final fitting',
  'Order cake',
];

const SPECS: Record<ResourceType, Spec> = {
  guest: {
    prefix: 'g',
    cap: 3000,
    make: (rng) => ({
      name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
      diet: rng.chance(0.75) ? 'none' : rng.pick(DIETS),
      table: rng.int(1, 30),
      rsvp: 'pending',
    }),
    edit: (rng): Values =>
      rng.pick<Values>([
        { rsvp: rng.pick(['yes', 'no', 'maybe']) },
        { table: rng.int(1, 30) },
        { diet: rng.pick(DIETS) },
      ]),
  },
  vendor: {
    prefix: 'v',
    cap: 200,
    make: (rng) => ({
      name: `${rng.pick(LAST)} ${rng.pick(['& Co', 'Studio', 'Events', 'Catering'])}`,
      category: rng.pick(CATEGORIES),
      status: 'invited',
    }),
    edit: (rng): Values => ({ status: rng.pick(['confirmed', 'contracted', 'paid', 'cancelled']) }),
  },
  wedding: {
    prefix: 'w',
    cap: 100,
    make: (rng) => ({
      couple: `${rng.pick(FIRST)} & ${rng.pick(FIRST)}`,
      date: `2027-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      venue: rng.pick(VENUES),
      budget: rng.int(8, 90) * 1000,
    }),
    edit: (rng): Values =>
      rng.chance(0.6) ? { budget: rng.int(8, 90) * 1000 } : { venue: rng.pick(VENUES) },
  },
  task: {
    prefix: 't',
    cap: 2000,
    make: (rng) => ({ title: rng.pick(TASKS), status: 'open', due_days: rng.int(1, 120) }),
    edit: (rng): Values => ({ status: rng.pick(['open', 'in_progress', 'done']) }),
  },
  payment: {
    prefix: 'p',
    cap: 1500,
    make: (rng, _serial, world) => ({
      amount: rng.int(100, 12000),
      status: 'pending',
      vendor_id: world.random('vendor')?.id ?? 'v_0',
    }),
    edit: (rng): Values => ({ status: rng.pick(['authorised', 'paid', 'refunded']) }),
  },
};

/** Every live WedSync record, by type, with O(1) random picks and deletes. */
export class WedsyncWorld {
  private readonly lists = new Map<ResourceType, Resource[]>();
  private readonly index = new Map<string, number>();
  private readonly serials = new Map<ResourceType, number>();

  constructor(private readonly rng: Rng) {}

  count(type: ResourceType): number {
    return this.lists.get(type)?.length ?? 0;
  }

  atCap(type: ResourceType): boolean {
    return this.count(type) >= SPECS[type].cap;
  }

  create(type: ResourceType): Resource {
    const serial = (this.serials.get(type) ?? 0) + 1;
    this.serials.set(type, serial);
    const spec = SPECS[type];
    const resource = { id: `${spec.prefix}_${serial}`, values: spec.make(this.rng, serial, this) };
    const list = this.lists.get(type) ?? [];
    this.lists.set(type, list);
    this.index.set(resource.id, list.length);
    list.push(resource);
    return resource;
  }

  random(type: ResourceType): Resource | undefined {
    const list = this.lists.get(type);
    return list && list.length > 0 ? list[this.rng.int(0, list.length - 1)] : undefined;
  }

  /** An ordinary edit: `{field: {old, new}}` for each field that really changed. */
  edit(type: ResourceType, resource: Resource): Record<string, { old: unknown; new: unknown }> | undefined {
    const next = SPECS[type].edit(this.rng, resource.values);
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const [key, value] of Object.entries(next)) {
      if (resource.values[key] !== value) changes[key] = { old: resource.values[key] ?? null, new: value };
    }
    if (Object.keys(changes).length === 0) return undefined;
    resource.values = { ...resource.values, ...next };
    return changes;
  }

  delete(type: ResourceType, resource: Resource): void {
    const list = this.lists.get(type);
    const at = this.index.get(resource.id);
    if (!list || at === undefined || list[at] !== resource) return;
    const last = list.pop() as Resource;
    if (last !== resource) {
      list[at] = last;
      this.index.set(last.id, at);
    }
    this.index.delete(resource.id);
  }
}
