import type { ArchiveInfo } from '../../../../analysis/core/src/index.js';
import { downloadBytes } from '../../../app/download.js';
import { archiveName } from './renderReel.js';
import type { ReelResult } from './renderReel.js';

/** `<archive>-reel-1280x720.webm`, with nothing a file system would refuse. */
export function reelFileName(archive: ArchiveInfo | null, result: ReelResult): string {
  const base = (archive ? archiveName(archive) : 'chronoscope').replace(/[^\w.-]+/g, '_').slice(0, 80);
  return `${base}-reel-${result.width}x${result.height}.webm`;
}

/** Saves the reel through the browser's download. */
export function downloadReel(result: ReelResult, fileName: string): void {
  downloadBytes(result.bytes, fileName, 'video/webm');
}

/**
 * Whether this page may play a blob: video. The page's policy is the intersection of the
 * server's header and index.html's meta tag; only the meta tag is readable here, and a policy
 * without media-src falls back to default-src 'self', which refuses blob: (a refused load is
 * a console error, not a silent failure, so we ask first).
 */
export function canPreviewVideo(): boolean {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const policy = meta?.getAttribute('content');
  if (!policy) return true;
  const media = policy.split(';').find((d) => d.trim().startsWith('media-src'));
  return media !== undefined && media.includes('blob:');
}
