import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChronoscopeError } from '../../../core/src/index.js';
import { parseRules } from './parse.js';
import type { Rule } from './types.js';

/**
 * `assets/rules`, found by walking up from this module: the same from the sources, from the
 * bundled command line (dist/) and from a packaged app (its resources hold assets/ beside
 * dist/). `CHRONOSCOPE_RULES_DIR` points elsewhere.
 */
function rulesDir(): string | null {
  const override = process.env['CHRONOSCOPE_RULES_DIR'];
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 8; up++) {
    const candidate = join(dir, 'assets', 'rules');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

let cached: { dir: string | null; rules: Rule[] } | undefined;

/** The built-in rules, one YAML file each in assets/rules, read once. */
export function builtinRules(): Rule[] {
  const dir = rulesDir();
  if (cached && cached.dir === dir) return cached.rules;
  const rules: Rule[] = [];
  const files = dir
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  for (const file of files) {
    const parsed = parseRules(readFileSync(join(dir as string, file), 'utf8'), { builtin: true });
    const problem = parsed.problems[0];
    // Ours, and tested: a broken built-in is a bug to report, not a user error.
    if (problem) {
      throw new ChronoscopeError(
        'INTERNAL',
        `assets/rules/${file}: rule ${problem.rule}: ${problem.field}: ${problem.message}`,
      );
    }
    rules.push(...parsed.rules);
  }
  cached = { dir, rules };
  return rules;
}

/** `rules.list`: every built-in rule with its YAML text, as the studio's rule editor shows it. */
export function listRules(): { id: string; title: string; text: string; builtin: boolean }[] {
  return builtinRules().map((r) => ({ id: r.id, title: r.title, text: r.text, builtin: true }));
}
