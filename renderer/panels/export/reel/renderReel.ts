import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Output,
  QUALITY_MEDIUM,
  WebMOutputFormat,
} from 'mediabunny';
import { Replay } from '../../../../analysis/core/src/index.js';
import { studioReplaySource } from '../../../app/studioReplaySource.js';
import type { AnalysisClient, ArchiveInfo } from '../../../../analysis/core/src/index.js';
import { drawOverlay, reelTime } from './drawOverlay.js';
import { clampSegments } from './planReel.js';
import type { ReelAnnotation, ReelSegment } from './planReel.js';
import { ReelScene } from './ReelScene.js';
import { captionsAt, frameTime, ReelPlanError, scheduleReel } from './scheduleReel.js';
import type { ReelTiming, ScheduledSegment } from './scheduleReel.js';

export interface ReelProgress {
  frames: number;
  total: number;
}

export interface RenderReelOptions extends ReelTiming {
  client: AnalysisClient;
  archive: ArchiveInfo;
  segments: readonly ReelSegment[];
  /** Captions: the annotations whose time or range covers a frame. */
  annotations: readonly ReelAnnotation[];
  width: number;
  height: number;
  /** The title card's heading (default: the archive's name). */
  title?: string | undefined;
  onProgress?: ((progress: ReelProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface ReelResult {
  bytes: Uint8Array;
  frames: number;
  durationS: number;
  width: number;
  height: number;
  codec: 'vp9' | 'vp8';
  mimeType: string;
  /** A still of the first segment (PNG), for where a video cannot be previewed. */
  poster: Blob | null;
}

/** A point annotation stays captioned for this much video time either side of it. */
const POINT_CAPTION_VIDEO_MS = 1500;

/** The archive's name as the title card shows it: the last part of its path. */
export function archiveName(archive: ArchiveInfo): string {
  return archive.path.split(/[\\/]/).filter(Boolean).pop() ?? archive.path;
}

/**
 * Renders a highlight reel: its own replay of the archive (the studio's playhead is left
 * alone), each segment seeked to and stepped frame by frame at a fixed event time per frame,
 * drawn off screen, captioned, and encoded with WebCodecs into WebM. Deterministic: every
 * frame waits for the events it shows, so the result never depends on how fast this machine is.
 */
export async function renderReel(options: RenderReelOptions): Promise<ReelResult> {
  const { archive, width, height, fps, signal } = options;
  if (!(
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width >= 16 &&
    height >= 16 &&
    width <= 3840 &&
    height <= 2160
  )) {
    throw new ReelPlanError(`size: ${width}x${height} is not a video size (16x16 to 3840x2160)`);
  }
  if (width % 2 || height % 2)
    throw new ReelPlanError(`size: ${width}x${height}: width and height must be even`);
  const start = Date.parse(archive.timeRange.from ?? '');
  const end = Date.parse(archive.timeRange.to ?? '');
  const schedule = scheduleReel(clampSegments(options.segments, start, end), options);
  const codec = await pickCodec(width, height, fps);
  signal?.throwIfAborted();

  // Clock speed is clamped to 100x; a base rate makes the fastest segment 100x of it, so glides
  // (scaled by speed × rate) last the same video time in every segment.
  const fastest = Math.max(...schedule.segments.map((s) => s.eventPerVideoMs));
  const rate = Math.max(1, fastest / 100);
  const replay = await Replay.open(studioReplaySource(options.client, archive), {
    city: { entityTypes: Object.keys(archive.entityTypes).sort() },
    rate,
    // Every window a frame needs is loaded before it is drawn: never let a frame seek instead.
    seekThreshold: Number.MAX_SAFE_INTEGER,
  });
  signal?.throwIfAborted();

  const scene = new ReelScene(replay, width, height);
  const frame = document.createElement('canvas');
  frame.width = width;
  frame.height = height;
  const ctx = frame.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new CanvasSource(frame, {
    codec,
    bitrate: QUALITY_MEDIUM,
    sizeChangeBehavior: 'deny',
  });
  output.addVideoTrack(source, { frameRate: fps });
  let finalized = false;
  let poster: Blob | null = null;
  try {
    await output.start();
    const heading = options.title?.trim() || archiveName(archive);
    const name = archiveName(archive);
    const archiveLine = name === archive.system ? name : `${name} · ${archive.system}`;
    let done = 0;
    const emit = async (): Promise<void> => {
      signal?.throwIfAborted();
      await source.add(done / fps, 1 / fps);
      done++;
      options.onProgress?.({ frames: done, total: schedule.totalFrames });
    };
    for (const [index, segment] of schedule.segments.entries()) {
      await seekSegment(replay, scene, segment);
      signal?.throwIfAborted();
      scene.sync([], (done * 1000) / fps, true);
      const card = {
        heading,
        archive: archiveLine,
        segment: segment.title,
        detail: `${index + 1} of ${schedule.segments.length} · ${reelTime(segment.from)} → ${reelTime(segment.to)}`,
      };
      for (let j = 0; j < segment.titleFrames; j++) {
        drawOverlay(ctx, scene.draw(), { time: segment.from, segment: segment.title, captions: [], card });
        await emit();
      }
      const pointHalfMs = POINT_CAPTION_VIDEO_MS * segment.eventPerVideoMs;
      for (let j = 0; j < segment.playFrames; j++) {
        const t = frameTime(segment, j);
        const changes = await stepTo(replay, t);
        scene.sync(changes, (done * 1000) / fps, false);
        const captions = captionsAt(options.annotations, t, pointHalfMs);
        drawOverlay(ctx, scene.draw(), { time: t, segment: segment.title, captions });
        if (index === 0 && j === Math.floor(segment.playFrames / 2)) poster = await still(frame);
        await emit();
      }
    }
    await output.finalize();
    finalized = true;
    const buffer = target.buffer;
    if (!buffer) throw new Error('the encoder wrote nothing');
    return {
      bytes: new Uint8Array(buffer),
      frames: done,
      durationS: done / fps,
      width,
      height,
      codec,
      mimeType: `video/webm; codecs="${codec === 'vp9' ? 'vp09.00.10.08' : 'vp8'}"`,
      poster,
    };
  } finally {
    // Cancelled or failed: the encoder and the GL context go now, not at garbage collection.
    if (!finalized) await output.cancel().catch(() => undefined);
    scene.dispose();
  }
}

/** VP9 where this browser encodes it at this size, else VP8. */
async function pickCodec(width: number, height: number, fps: number): Promise<'vp9' | 'vp8'> {
  for (const codec of ['vp9', 'vp8'] as const) {
    if (await canEncodeVideo(codec, { width, height, frameRate: fps, bitrate: QUALITY_MEDIUM })) return codec;
  }
  throw new ReelPlanError('this browser cannot encode VP9 or VP8 video (WebCodecs needs a secure context)');
}

/** The world at the segment's start, the camera framing what it shows from start to end. */
async function seekSegment(replay: Replay, scene: ReelScene, segment: ScheduledSegment): Promise<void> {
  await replay.seekTo(new Date(segment.to).toISOString());
  const box = scene.bounds();
  await replay.seekTo(new Date(segment.from).toISOString());
  box.union(scene.bounds());
  scene.fit(box);
  replay.clock.setSpeed(segment.eventPerVideoMs / replay.clock.rate);
}

/** Moves the world to event time `t` once every event up to it is held; returns the changed instances. */
async function stepTo(replay: Replay, t: number): Promise<readonly number[]> {
  const windows = replay.windows;
  let k = windows.windowOf(Math.max(0, replay.world.seq));
  while (windows.seqAt(t) === null) {
    if (windows.lastSeq !== null && k > windows.windowOf(windows.lastSeq)) break;
    const batch = await windows.load(k);
    if (batch.events.length === 0) break;
    k++;
  }
  replay.clock.seekTime(t);
  return replay.render(replay.clock.advance(0)).changes;
}

function still(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
