import type { Rng } from './rng.js';

/** A QCS record's fields: flat JSON scalars, in the column order the dashboard shows them. */
export type Fields = Record<string, string | number | boolean>;

export interface Live {
  id: string;
  fields: Fields;
  /** Changes applied since creation (1 = just created): the snapshot's `version`. */
  version: number;
  deleted?: boolean;
}

export type QcsEntityType = 'shipment' | 'customer' | 'invoice' | 'package' | 'settings';

interface EntitySpec {
  prefix: string;
  /** Live records of this type never exceed this: deletes take over near the cap. */
  cap: number;
  make: (rng: Rng, store: EntityStore) => Fields;
  /** The fields an ordinary edit changes, with their new values. */
  edit: (rng: Rng, fields: Fields) => Fields;
}

const PORTS = ['MIA', 'SSZ', 'RTM', 'SIN', 'LAX', 'HAM', 'JFK', 'PTY', 'GRU', 'DXB'];
const COUNTRIES = ['US', 'SE', 'BR', 'DE', 'NL', 'SG', 'PA', 'AE', 'MX', 'GB'];
const NAMES = [
  'Fjord',
  'Ember',
  'Borealis',
  'Cobalt',
  'Harbor',
  'Meridian',
  'Atlas',
  'Pioneer',
  'Saffron',
  'Tidal',
];
const TRADES = ['Trading', 'Imports', 'Logistics', 'Freight', 'Supply', 'Foods', 'Textiles', 'Marine'];
const SHIPMENT_FLOW = ['booked', 'picked_up', 'in_transit', 'customs', 'out_for_delivery', 'delivered'];
const INVOICE_FLOW = ['open', 'sent', 'paid'];
const PACKAGE_FLOW = ['registered', 'loaded', 'in_transit', 'delivered'];

const SPECS: Record<QcsEntityType, EntitySpec> = {
  shipment: {
    prefix: 'SHI',
    cap: 4000,
    make: (rng, store) => {
      const origin = rng.pick(PORTS);
      let destination = rng.pick(PORTS);
      if (destination === origin) destination = PORTS[(PORTS.indexOf(origin) + 1) % PORTS.length] as string;
      const customer = store.random('customer');
      return {
        status: 'booked',
        origin,
        destination,
        weight_kg: rng.int(50, 20000),
        ...ref('customer_id', customer),
      };
    },
    edit: (rng, f): Fields =>
      rng.chance(0.75) ? { status: advance(SHIPMENT_FLOW, f.status) } : { weight_kg: rng.int(50, 20000) },
  },
  customer: {
    prefix: 'CUS',
    cap: 300,
    make: (rng) => ({
      name: `${rng.pick(NAMES)} ${rng.pick(TRADES)}`,
      country: rng.pick(COUNTRIES),
      credit_limit: rng.int(5, 200) * 1000,
      tier: rng.pick(['standard', 'silver', 'gold']),
    }),
    edit: (rng): Fields =>
      rng.chance(0.7)
        ? { credit_limit: rng.int(5, 200) * 1000 }
        : { tier: rng.pick(['standard', 'silver', 'gold']) },
  },
  invoice: {
    prefix: 'INV',
    cap: 3000,
    make: (rng, store) => ({
      amount: rng.int(500, 90000),
      currency: rng.pick(['USD', 'USD', 'EUR', 'SEK']),
      status: 'open',
      ...ref('customer_id', store.random('customer')),
    }),
    edit: (rng, f): Fields =>
      rng.chance(0.8) ? { status: advance(INVOICE_FLOW, f.status) } : { amount: rng.int(500, 90000) },
  },
  package: {
    prefix: 'PKG',
    cap: 4000,
    make: (rng, store) => ({
      ...ref('shipment_id', store.random('shipment')),
      weight_kg: rng.int(1, 900),
      dims_cm: `${rng.int(10, 120)}x${rng.int(10, 120)}x${rng.int(10, 120)}`,
      status: 'registered',
    }),
    edit: (rng, f) => ({ status: advance(PACKAGE_FLOW, f.status) }),
  },
  settings: {
    prefix: 'SET',
    cap: 10,
    make: () => ({}),
    edit: (rng) =>
      rng.pick<Fields>([
        { session_timeout_min: rng.pick([15, 30, 60]) },
        { mfa_required: rng.chance(0.8) },
        { max_export_rows: rng.pick([10000, 50000, 100000]) },
        { retention_days: rng.pick([90, 180, 365]) },
      ]),
  },
};

export const SETTINGS_INITIAL: Fields = {
  session_timeout_min: 30,
  mfa_required: true,
  max_export_rows: 50000,
  retention_days: 365,
};

/** Every live QCS record, by type, with O(1) random picks and deletes. */
export class EntityStore {
  private readonly ids = new Map<QcsEntityType, Live[]>();
  private readonly index = new Map<string, number>();
  private serial = 0;

  constructor(private readonly rng: Rng) {}

  count(type: QcsEntityType): number {
    return this.ids.get(type)?.length ?? 0;
  }

  atCap(type: QcsEntityType): boolean {
    return this.count(type) >= SPECS[type].cap;
  }

  create(type: QcsEntityType, id?: string, fields?: Fields): Live {
    const spec = SPECS[type];
    const live: Live = {
      id: id ?? `${spec.prefix}-${String(++this.serial).padStart(6, '0')}`,
      fields: fields ?? spec.make(this.rng, this),
      version: 1,
    };
    const list = this.ids.get(type) ?? [];
    this.ids.set(type, list);
    this.index.set(live.id, list.length);
    list.push(live);
    return live;
  }

  random(type: QcsEntityType): Live | undefined {
    const list = this.ids.get(type);
    return list && list.length > 0 ? list[this.rng.int(0, list.length - 1)] : undefined;
  }

  /** Picks the fields an edit changes; returns old and new values of exactly those fields. */
  edit(type: QcsEntityType, live: Live): { old: Fields; next: Fields } | undefined {
    const next = SPECS[type].edit(this.rng, live.fields);
    return this.apply(live, next);
  }

  /** Applies new values; only fields that really change are kept. */
  apply(live: Live, values: Fields): { old: Fields; next: Fields } | undefined {
    const old: Fields = {};
    const next: Fields = {};
    for (const [key, value] of Object.entries(values)) {
      if (live.fields[key] === value) continue;
      old[key] = live.fields[key] ?? '';
      next[key] = value;
    }
    if (Object.keys(next).length === 0) return undefined;
    live.fields = { ...live.fields, ...next };
    live.version++;
    return { old, next };
  }

  delete(type: QcsEntityType, live: Live): void {
    const list = this.ids.get(type);
    const at = this.index.get(live.id);
    if (!list || at === undefined || list[at] !== live) return;
    const last = list.pop() as Live;
    if (last !== live) {
      list[at] = last;
      this.index.set(last.id, at);
    }
    this.index.delete(live.id);
    live.deleted = true;
  }

  all(type: QcsEntityType): readonly Live[] {
    return this.ids.get(type) ?? [];
  }
}

/** A reference field, left out while there is nothing to refer to. */
function ref(field: string, live: Live | undefined): Fields {
  return live ? { [field]: live.id } : {};
}

function advance(flow: readonly string[], current: unknown): string {
  const at = flow.indexOf(String(current));
  return flow[Math.min(flow.length - 1, at + 1)] ?? (flow[0] as string);
}
