import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportFile, ParamsOf } from '../../../analysis/core/src/index.js';
import { downloadBytes } from '../../app/download.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText, isCancelled } from '../../app/useCall.js';

export type ExportRequest = Omit<ParamsOf<'export.file'>, 'archive'>;

export interface ExportRun {
  /** 0..1 while a file is being made (the service pushes its progress), else null. */
  progress: number | null;
  startedAt: number | null;
  error: string | null;
  /** The last file made, as saved. */
  done: { name: string; size: number; rows?: number; pages?: number; note?: string } | null;
  start(request: ExportRequest): void;
  cancel(): void;
}

/**
 * One export at a time per section: asks the service for the file, follows its pushed
 * progress, lets the user cancel, and saves the bytes through the browser's download.
 */
export function useExportFile(): ExportRun {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const [progress, setProgress] = useState<number | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ExportRun['done']>(null);
  const controller = useRef<AbortController | null>(null);
  const kind = useRef<string | null>(null);

  useEffect(() => {
    if (!client) return undefined;
    return client.on('export.progress', (payload) => {
      const p = payload as { kind?: string; fraction?: number };
      if (controller.current && p.kind === kind.current && typeof p.fraction === 'number') {
        setProgress((prev) => Math.max(prev ?? 0, Math.min(1, p.fraction ?? 0)));
      }
    });
  }, [client]);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (request: ExportRequest) => {
      if (!client || !archive || controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      kind.current = request.kind;
      setProgress(0);
      setStartedAt(Date.now());
      setError(null);
      setDone(null);
      client
        .call('export.file', { ...request, archive: archive.id }, { signal: abort.signal })
        .then((file: ExportFile) => {
          downloadBytes(file.bytes, file.name, file.mime);
          setDone({
            name: file.name,
            size: file.bytes.byteLength,
            ...(file.rows !== undefined ? { rows: file.rows } : {}),
            ...(file.pages !== undefined ? { pages: file.pages } : {}),
            ...(file.note !== undefined ? { note: file.note } : {}),
          });
        })
        .catch((err: unknown) => setError(isCancelled(err) ? 'cancelled' : errorText(err)))
        .finally(() => {
          controller.current = null;
          setProgress(null);
          setStartedAt(null);
        });
    },
    [client, archive],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { progress, startedAt, error, done, start, cancel };
}
