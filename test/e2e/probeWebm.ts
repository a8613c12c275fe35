import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';

/** What a standard player would find in a video file: read by mediabunny's demuxer, in Node. */
export interface VideoProbe {
  mimeType: string;
  codec: string | null;
  width: number;
  height: number;
  durationS: number;
  packets: number;
  keyPackets: number;
}

export async function probeWebm(bytes: Uint8Array): Promise<VideoProbe> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error('no video track');
    const stats = await track.computePacketStats();
    let keyPackets = 0;
    const sink = new EncodedPacketSink(track);
    for await (const packet of sink.packets(undefined, undefined, { metadataOnly: true })) {
      if (packet.type === 'key') keyPackets++;
    }
    return {
      mimeType: await input.getMimeType(),
      codec: track.codec,
      width: track.displayWidth,
      height: track.displayHeight,
      durationS: await input.computeDuration(),
      packets: stats.packetCount,
      keyPackets,
    };
  } finally {
    input.dispose();
  }
}
