/** What main tells the service process on its command line. */
export interface HostArgs {
  /** The app's root: where `assets/demo` lives (outside the asar when packaged). */
  projectRoot: string;
  cacheDir?: string;
}

/**
 * `--project-root DIR [--cache DIR]`; the cache falls back to `$CHRONOSCOPE_CACHE`, then to
 * the dispatcher's default (the command line's cache, so archives imported there open at once).
 */
export function parseHostArgs(argv: readonly string[], env: Record<string, string | undefined>): HostArgs {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    const next = at >= 0 ? argv[at + 1] : undefined;
    return next !== undefined && !next.startsWith('--') ? next : undefined;
  };
  const projectRoot = value('--project-root') ?? process.cwd();
  const cacheDir = value('--cache') ?? env['CHRONOSCOPE_CACHE'];
  return cacheDir ? { projectRoot, cacheDir } : { projectRoot };
}
