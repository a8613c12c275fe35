import { create } from 'zustand';
import { ImportProgressPayload } from '../../../analysis/core/src/index.js';
import type { AnalysisClient, ArchiveInfo } from '../../../analysis/core/src/index.js';
import { errorText } from '../../app/useCall.js';

interface ImportState {
  /** What is being opened (a path, or an uploaded file's name), null when idle. */
  opening: string | null;
  /** Uploading a copy of a dropped or picked file (browser mode), before the import. */
  uploading: boolean;
  progress: ImportProgressPayload | null;
  /** When the current open began (ms since the epoch), for the time it has taken so far. */
  startedAt: number | null;
  error: string | null;
  /**
   * Opens an archive the service can read: imports it (or finds it in the cache), following
   * its progress, then makes it the studio's archive.
   */
  open(client: AnalysisClient, path: string, done: (info: ArchiveInfo) => void): Promise<void>;
  /** Uploads a copy of a local file (the evidence stays untouched where it is), then opens it. */
  openFile(
    client: AnalysisClient,
    file: File,
    upload: (file: File) => Promise<string>,
    done: (info: ArchiveInfo) => void,
  ): Promise<void>;
}

export const useImport = create<ImportState>((set, get) => ({
  opening: null,
  uploading: false,
  progress: null,
  startedAt: null,
  error: null,

  async open(client, path, done) {
    if (get().opening && get().opening !== path) return;
    set({ opening: path, progress: null, error: null, startedAt: get().startedAt ?? Date.now() });
    const stop = client.on('import.progress', (payload) => {
      const parsed = ImportProgressPayload.safeParse(payload);
      if (parsed.success) set({ progress: parsed.data });
    });
    try {
      const info = await client.call('archive.open', { path });
      set({ opening: null, progress: null, startedAt: null });
      done(info);
    } catch (error) {
      set({ opening: null, progress: null, startedAt: null, error: errorText(error) });
    } finally {
      stop();
    }
  },

  async openFile(client, file, upload, done) {
    if (get().opening) return;
    set({ opening: file.name, uploading: true, progress: null, error: null, startedAt: Date.now() });
    let path: string;
    try {
      path = await upload(file);
    } catch (error) {
      set({ opening: null, uploading: false, startedAt: null, error: `${file.name}: ${errorText(error)}` });
      return;
    }
    set({ uploading: false, opening: path });
    await get().open(client, path, done);
  },
}));
