/** The source systems of `shared/spec/sources.md`, by adapter id. */
export const SYSTEM_IDS = ['descendants', 'qcs', 'blockchain', 'wedsync', 'robot-cycles'] as const;
export type SystemId = (typeof SYSTEM_IDS)[number];

export function isSystemId(value: string): value is SystemId {
  return (SYSTEM_IDS as readonly string[]).includes(value);
}
