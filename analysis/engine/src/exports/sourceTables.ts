import type { SystemId } from '../../../core/src/index.js';

/** Where an entity type lives in the source system's own database. */
export interface SourceTable {
  table: string;
  key: string;
}

/**
 * The source systems whose data sits in SQL tables, and the table of each entity type whose
 * rows a rollback can restore. sources.md names the entity types (qcs: shipments, customers,
 * invoices, packages, users and settings; wedsync's resource types; robot-cycles' users and
 * robots); the tables are their plural, keyed by `id`, as in the seeds' PostgreSQL schemas.
 * Types missing here (sessions, battles, cycles) are history, not rows anyone can restore.
 */
const SQL_TABLES: Partial<Record<SystemId, Record<string, SourceTable>>> = {
  qcs: {
    shipment: { table: 'shipments', key: 'id' },
    customer: { table: 'customers', key: 'id' },
    invoice: { table: 'invoices', key: 'id' },
    package: { table: 'packages', key: 'id' },
    user: { table: 'users', key: 'id' },
    settings: { table: 'settings', key: 'id' },
  },
  wedsync: {
    guest: { table: 'guests', key: 'id' },
    vendor: { table: 'vendors', key: 'id' },
    wedding: { table: 'weddings', key: 'id' },
    task: { table: 'tasks', key: 'id' },
    payment: { table: 'payments', key: 'id' },
    user: { table: 'users', key: 'id' },
  },
  'robot-cycles': {
    user: { table: 'users', key: 'id' },
    robot: { table: 'robots', key: 'id' },
  },
};

/** Why a system's rollback cannot be SQL, for the systems whose source is not a database. */
const NOT_SQL: Partial<Record<SystemId, string>> = {
  descendants:
    'descendants keeps its world as world_changes records, not SQL tables: the rollback is written as RFC 6902 JSON Patch operations per entity',
  blockchain:
    'blockchain state lives in an append-only chain, not SQL tables: the rollback is written as RFC 6902 JSON Patch operations per entity, to be submitted as new events',
};

export function sqlTablesFor(system: SystemId): Record<string, SourceTable> | null {
  return SQL_TABLES[system] ?? null;
}

export function notSqlReason(system: SystemId): string | null {
  return NOT_SQL[system] ?? (SQL_TABLES[system] ? null : `${system} has no SQL tables Chronoscope knows`);
}
