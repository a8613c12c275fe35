export { builtinRules, listRules } from './builtin.js';
export { checkRules } from './checkRules.js';
export type { RuleCheck } from './checkRules.js';
export { compileRule } from './compile.js';
export type { CompiledRule } from './compile.js';
export { parseRules, rulesError } from './parse.js';
export type { ParsedRules } from './parse.js';
export { runRules } from './runRules.js';
export { OPERATORS } from './types.js';
export type {
  Condition,
  ConditionGroup,
  Operator,
  Rule,
  RuleProblem,
  SequenceStep,
  Threshold,
} from './types.js';
