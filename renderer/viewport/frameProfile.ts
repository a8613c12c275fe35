/** Script time per replay frame (engine: the world brought to the playhead; scene: the uploads), kept for the benchmark. */
const LIMIT = 100_000;

class FrameProfile {
  engine: number[] = [];
  scene: number[] = [];
  add(engineMs: number, sceneMs: number): void {
    if (this.engine.length >= LIMIT) return;
    this.engine.push(engineMs);
    this.scene.push(sceneMs);
  }
  reset(): void {
    this.engine = [];
    this.scene = [];
  }
  read(): { engine: number[]; scene: number[] } {
    return { engine: [...this.engine], scene: [...this.scene] };
  }
}

export const replayProfile = new FrameProfile();
