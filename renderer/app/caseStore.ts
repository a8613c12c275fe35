import { create } from 'zustand';
import { AppOpenPayload } from '../../analysis/core/src/index.js';
import type { AnalysisClient, ArchiveInfo, CaseFileShape } from '../../analysis/core/src/index.js';
import {
  AnnotationEntry,
  BookmarkEntry,
  BranchEntry,
  ReplaySettings,
  ViewEntry,
  validEntries,
} from '../panels/annotations/caseEntries.js';
import { useImport } from '../panels/open/importStore.js';
import { useReplay } from './replayStore.js';
import { useStudio } from './studioStore.js';
import { errorText, forgetResults } from './useCall.js';

/** Saves wait this long after the last change, so typing or dragging writes once. */
const SAVE_DELAY_MS = 400;

type Lists = 'annotations' | 'bookmarks' | 'branches' | 'views';
type EntryOf<L extends Lists> = {
  annotations: AnnotationEntry;
  bookmarks: BookmarkEntry;
  branches: BranchEntry;
  views: ViewEntry;
}[L];

export interface CaseState {
  /** The archive the case belongs to (null: none open). */
  archiveId: string | null;
  /** Where it is read and written; undefined: the service's default, `<archive>.chronocase.json`. */
  path: string | undefined;
  /** Where the last save landed (the service answers the absolute path). */
  savedPath: string | null;
  loading: boolean;
  saving: boolean;
  /** A pending change not yet written. */
  dirty: boolean;
  error: string | null;
  /** Entries of the file the studio could not use, and other things the user should know. */
  warnings: string[];
  annotations: AnnotationEntry[];
  bookmarks: BookmarkEntry[];
  branches: BranchEntry[];
  views: ViewEntry[];
  replay: ReplaySettings;
  /** Lists of the file the studio does not edit (rules, unknown keys): written back unchanged. */
  rest: { rules: CaseFileShape['rules']; extra: Record<string, unknown> };
  /** The branch the user is looking at: new annotations and bookmarks belong to it. */
  activeBranch: string | null;
  /** A case file was there when it loaded (not the empty case the service answers for none). */
  onDisk: boolean;
  /** The archive the file says it was made for. */
  recorded: CaseFileShape['archive'] | null;

  load(client: AnalysisClient, archive: ArchiveInfo, path?: string): Promise<void>;
  /**
   * A case file the user brought (an export, a colleague's case): it replaces this archive's
   * case and is saved beside the archive. A case made for other evidence loads with a warning.
   */
  importCase(data: CaseFileShape): void;
  /** Adds an entry or replaces the one with its id (validated: a bad entry throws, nothing is written). */
  put<L extends Lists>(list: L, entry: EntryOf<L>): void;
  remove(list: Lists, id: string): void;
  setReplay(settings: ReplaySettings): void;
  setActiveBranch(id: string | null): void;
  /** Writes now (tests, closing); resolves when written. */
  flush(): Promise<void>;
  reset(): void;
}

const SCHEMAS = {
  annotations: AnnotationEntry,
  bookmarks: BookmarkEntry,
  branches: BranchEntry,
  views: ViewEntry,
};

let timer: ReturnType<typeof setTimeout> | null = null;
let loadToken = 0;

const empty = {
  archiveId: null,
  path: undefined,
  savedPath: null,
  loading: false,
  saving: false,
  dirty: false,
  error: null,
  warnings: [],
  annotations: [],
  bookmarks: [],
  branches: [],
  views: [],
  replay: {},
  rest: { rules: [], extra: {} },
  activeBranch: null,
  recorded: null,
  onDisk: false,
} satisfies Partial<CaseState>;

export const useCase = create<CaseState>((set, get) => {
  const schedule = (): void => {
    set({ dirty: true });
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void get().flush(), SAVE_DELAY_MS);
  };

  return {
    ...empty,

    async load(client, archive, path) {
      const token = ++loadToken;
      if (timer) await get().flush();
      set({ ...empty, archiveId: archive.id, path, loading: true });
      try {
        const data = await client.call('case.load', { archive: archive.id, ...(path ? { path } : {}) });
        if (token !== loadToken) return;
        set({ loading: false, ...adopt(data, archive.id) });
        applyReplaySettings(get().replay);
      } catch (error) {
        if (token === loadToken) set({ loading: false, error: `case file: ${errorText(error)}` });
      }
    },

    importCase(data) {
      const { archiveId } = get();
      if (!archiveId) return;
      set({ error: null, ...adopt(data, archiveId) });
      applyReplaySettings(get().replay);
      schedule();
    },

    put(list, entry) {
      const parsed = SCHEMAS[list].parse(entry) as EntryOf<typeof list>;
      set((s) => {
        const current = s[list] as EntryOf<typeof list>[];
        const at = current.findIndex((e) => e.id === parsed.id);
        const next = at < 0 ? [...current, parsed] : current.map((e, i) => (i === at ? parsed : e));
        return { [list]: next } as Partial<CaseState>;
      });
      schedule();
    },
    remove(list, id) {
      set(
        (s) => ({ [list]: (s[list] as { id: string }[]).filter((e) => e.id !== id) }) as Partial<CaseState>,
      );
      schedule();
    },
    setReplay(settings) {
      const next = ReplaySettings.parse({ ...get().replay, ...settings });
      if (JSON.stringify(next) === JSON.stringify(get().replay)) return;
      set({ replay: next });
      // Playing at another speed is no reason to create a case file beside the evidence: the
      // settings ride along with the next real change, or now when the file already exists.
      if (get().savedPath !== null || get().onDisk) schedule();
    },
    setActiveBranch: (activeBranch) => set({ activeBranch }),

    async flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      const s = get();
      const { client, archive } = useStudio.getState();
      if (!s.dirty || !client || !archive || archive.id !== s.archiveId) return;
      const data = caseData(s, archive);
      set({ saving: true, dirty: false });
      try {
        const { path } = await client.call('case.save', {
          archive: archive.id,
          ...(s.path ? { path: s.path } : {}),
          data,
        });
        set({ saving: false, savedPath: path, error: null });
      } catch (error) {
        set({ saving: false, dirty: true, error: `saving the case file: ${errorText(error)}` });
      }
      // Annotations and bookmarks are markers of the timeline.
      forgetResults('timeline.markers');
    },
    reset: () => set({ ...empty }),
  };
});

/** The case file's document for what the store holds (what a save writes, what an export starts from). */
export function caseData(s: CaseState, archive: ArchiveInfo): CaseFileShape {
  return {
    ...s.rest.extra,
    format: 'chronoscope-case/1',
    archive: { path: archive.path, sha256: archive.id },
    annotations: s.annotations,
    bookmarks: s.bookmarks,
    branches: s.branches,
    views: s.views,
    rules: s.rest.rules,
    replay: s.replay,
  };
}

/** A case file's contents as the store holds them, with a warning for each thing it cannot use. */
function adopt(data: CaseFileShape, archiveId: string): Partial<CaseState> {
  const warnings: string[] = [];
  if (data.archive.sha256 !== archiveId) {
    warnings.push(
      `the case file was made for another archive (sha256 ${data.archive.sha256.slice(0, 12)}…, this one is ${archiveId.slice(0, 12)}…)`,
    );
  }
  const {
    format: _f,
    archive: _a,
    annotations,
    bookmarks,
    branches,
    views,
    replay,
    rules: _r,
    ...rest
  } = data;
  const parsedReplay = ReplaySettings.safeParse(replay);
  if (!parsedReplay.success) warnings.push('replay settings: not usable, defaults kept');
  return {
    recorded: data.archive,
    onDisk:
      annotations.length + bookmarks.length + branches.length + views.length + data.rules.length > 0 ||
      Object.keys(replay).length > 0,
    warnings,
    annotations: validEntries(AnnotationEntry, annotations, 'annotations', warnings),
    bookmarks: validEntries(BookmarkEntry, bookmarks, 'bookmarks', warnings),
    branches: validEntries(BranchEntry, branches, 'branches', warnings),
    views: validEntries(ViewEntry, views, 'views', warnings),
    replay: parsedReplay.success ? parsedReplay.data : {},
    rest: { rules: data.rules, extra: rest },
  };
}

/** The replay opens with the case's speed, follow and quiet-skip. */
function applyReplaySettings(settings: ReplaySettings): void {
  const replay = useReplay.getState();
  if (settings.speed !== undefined) replay.setSpeed(settings.speed);
  if (settings.follow !== undefined) replay.setFollow(settings.follow);
  if (settings.skipQuietSeconds !== undefined) replay.setSkipQuiet(settings.skipQuietSeconds);
}

/**
 * A `.chronocase.json` opened in the shell: loaded for the open archive when it belongs to
 * it; otherwise its archive is opened first (the path it records, else the name without
 * `.chronocase.json`), and a case made for other evidence is loaded with a warning.
 */
export async function openCaseFile(client: AnalysisClient, path: string): Promise<void> {
  const studio = useStudio.getState();
  if (studio.archive) {
    await useCase.getState().load(client, studio.archive, path);
    const recorded = useCase.getState().recorded;
    if (!recorded || recorded.sha256 === studio.archive.id) return;
    await openArchiveFor(client, recorded.path, path);
    return;
  }
  await openArchiveFor(client, path.replace(/\.chronocase\.json$/i, ''), path);
}

async function openArchiveFor(client: AnalysisClient, archivePath: string, casePath: string): Promise<void> {
  await useImport.getState().open(client, archivePath, (info) => {
    pendingCasePath = casePath;
    useStudio.getState().setArchive(info);
  });
}

let pendingCasePath: string | undefined;
let stopAppOpen: (() => void) | null = null;

// The case follows the studio: it loads with each archive, and the replay settings the user
// changes are kept in it.
useStudio.subscribe((studio, prev) => {
  if (studio.client !== prev.client && studio.client) {
    stopAppOpen?.();
    const client = studio.client;
    stopAppOpen = client.on('app.open', (payload) => {
      const parsed = AppOpenPayload.safeParse(payload);
      if (parsed.success && parsed.data.kind === 'case') void openCaseFile(client, parsed.data.path);
    });
  }
  if (studio.archive === prev.archive) return;
  if (studio.archive && studio.client) {
    const path = pendingCasePath;
    pendingCasePath = undefined;
    void useCase.getState().load(studio.client, studio.archive, path);
  } else {
    void useCase
      .getState()
      .flush()
      .then(() => useCase.getState().reset());
  }
});

useReplay.subscribe((replay, prev) => {
  const kase = useCase.getState();
  if (!kase.archiveId || kase.loading) return;
  if (
    replay.speed === prev.speed &&
    replay.follow === prev.follow &&
    replay.skipQuietSeconds === prev.skipQuietSeconds &&
    replay.loop === prev.loop
  )
    return;
  kase.setReplay({
    speed: replay.speed,
    follow: replay.follow,
    skipQuietSeconds: replay.skipQuietSeconds,
    loop: replay.loop,
  });
});
