/**
 * Saves text as a file through the browser's download (no server, no network): a Blob, an
 * object URL we made ourselves, and a click on a detached link.
 */
export function downloadText(text: string, fileName: string, mime: string): void {
  downloadBlob(new Blob([text], { type: mime }), fileName);
}

/** Saves bytes (a report, a Parquet file, a video) the same way. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  // A copy into a plain ArrayBuffer: a view on a shared or larger buffer is not a BlobPart everywhere.
  downloadBlob(new Blob([bytes.slice().buffer as ArrayBuffer], { type: mime }), fileName);
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
