import { useEffect, useMemo } from 'react';
import { useStudio } from '../../../app/studioStore.js';
import { canPreviewVideo, downloadReel, reelFileName } from './downloadReel.js';
import { useReelJob } from './reelJob.js';

const kib = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;

/** An object URL for as long as the component shows it. */
function useObjectUrl(blob: Blob | null): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

/** The finished reel (a preview and a download), or why there is none. */
export function ReelOutcome() {
  const { status, error, result, summary } = useReelJob();
  const archive = useStudio((s) => s.archive);
  const video = useMemo(
    () =>
      result && canPreviewVideo()
        ? new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: 'video/webm' })
        : null,
    [result],
  );
  const videoUrl = useObjectUrl(video);
  const posterUrl = useObjectUrl(result?.poster ?? null);
  if (status === 'error') {
    return (
      <p className="cs-chart-error" role="alert" data-testid="reel-error">
        {error}
      </p>
    );
  }
  if (status === 'cancelled') {
    return (
      <p className="cs-export-help" data-testid="reel-cancelled">
        Cancelled: nothing was kept.
      </p>
    );
  }
  if (status !== 'done' || !result || !summary) return null;
  return (
    <div className="cs-reel-result" data-testid="reel-result">
      {videoUrl ? (
        <video controls src={videoUrl} poster={posterUrl ?? undefined} data-testid="reel-video" />
      ) : (
        posterUrl && (
          <figure>
            <img src={posterUrl} alt="a frame of the reel" data-testid="reel-poster" />
            <figcaption className="cs-export-help">
              A still of the reel: this page&apos;s security policy does not let it play videos; the download
              plays in any player.
            </figcaption>
          </figure>
        )
      )}
      <p className="cs-export-done" data-testid="reel-summary">
        {summary.width}×{summary.height} · {summary.frames} frames · {summary.durationS.toFixed(1)} s ·{' '}
        {summary.codec.toUpperCase()} WebM · {kib(summary.bytes)} · rendered in {summary.seconds.toFixed(1)} s
      </p>
      <div className="cs-export-actions">
        <button
          type="button"
          onClick={() => downloadReel(result, reelFileName(archive, result))}
          data-testid="reel-download"
        >
          Download .webm
        </button>
      </div>
    </div>
  );
}
