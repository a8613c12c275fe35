import * as THREE from 'three';
import type { Replay } from '../../../../analysis/core/src/index.js';
import { InstanceScene, worldBounds } from '../../../viewport/index.js';

/** The viewport's look (ReplayViewport.tsx), so a reel shows what the studio shows. */
const BACKGROUND = '#11161d';
const GRID_MAJOR = '#3a4656';
const GRID_MINOR = '#222b36';
const FOV = 50;

/** True when WebGL runs on the CPU (SwiftShader, llvmpipe): what a GPU-less machine gives. */
function isSoftwareWebGl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return true;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return /swiftshader|llvmpipe|software/i.test(name);
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/**
 * The replay's world drawn off screen at a fixed size: a WebGLRenderer on its own canvas (not
 * the studio's), the viewport's instanced meshes, lights and grid, and a still camera framed
 * on a box. Plain three.js: a reel is drawn frame by frame on demand, never by a render loop.
 */
export class ReelScene {
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera: THREE.PerspectiveCamera;
  private instances: InstanceScene;
  private grid: THREE.GridHelper | null = null;
  private readonly voxel: boolean;

  constructor(
    private readonly replay: Replay,
    width: number,
    height: number,
  ) {
    this.canvas = document.createElement('canvas');
    // Antialiased on a GPU, where it is nearly free; not in software rendering (SwiftShader),
    // where multisampling costs a fifth of each 1280x720 frame (measured) for a still camera.
    const antialias = !isSoftwareWebGl();
    // preserveDrawingBuffer: the frame is copied onto the 2D canvas after render() returns.
    this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(1);
    this.renderer.setSize(width, height, false);
    // What @react-three/fiber sets on the studio's canvas by default.
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.scene.background = new THREE.Color(BACKGROUND);
    this.scene.add(new THREE.AmbientLight(0xffffff, 1.1));
    const sun = new THREE.DirectionalLight(0xffffff, 1.6);
    sun.position.set(40, 80, 25);
    this.scene.add(sun);
    this.camera = new THREE.PerspectiveCamera(FOV, width / height, 0.1, 5000);
    this.voxel = replay.world.layout.kind === 'voxel';
    this.instances = new InstanceScene(replay.world.arrays, this.voxel);
    this.scene.add(this.instances.group);
  }

  /** The box around what the world draws now (to frame a segment from its start and end). */
  bounds(): THREE.Box3 {
    return worldBounds(this.replay.world);
  }

  /** Frames the box as the viewport's "fit" does, and lays the grid under it. */
  fit(box: THREE.Box3): void {
    const centre = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3());
    const radius = Math.max(6, 0.5 * Math.hypot(size.x, size.y, size.z));
    const distance = (0.62 * radius) / Math.tan((FOV * Math.PI) / 360);
    this.camera.position.set(
      centre.x + distance * 0.55,
      centre.y + distance * 0.6,
      centre.z + distance * 0.6,
    );
    this.camera.far = Math.max(2000, distance * 6);
    this.camera.lookAt(centre);
    this.camera.updateProjectionMatrix();
    if (this.grid) {
      this.scene.remove(this.grid);
      this.grid.geometry.dispose();
      (this.grid.material as THREE.Material).dispose();
    }
    const span = Math.max(size.x, size.z, 20);
    const gridSize = Math.ceil((span * 1.3) / 10) * 10;
    this.grid = new THREE.GridHelper(gridSize, gridSize / (this.voxel ? 1 : 5), GRID_MAJOR, GRID_MINOR);
    this.grid.position.set(Math.round(centre.x), box.min.y - 0.5, Math.round(centre.z));
    this.scene.add(this.grid);
  }

  /**
   * Brings the GPU buffers to the world: every instance (`full`: after a seek) or only the
   * frame's changes. Grown arrays need bigger buffers: a new InstanceScene.
   */
  sync(changes: readonly number[], nowMs: number, full: boolean): void {
    const arrays = this.replay.world.arrays;
    if (arrays.generation !== this.instances.generation) {
      this.scene.remove(this.instances.group);
      this.instances.dispose();
      this.instances = new InstanceScene(arrays, this.voxel);
      this.scene.add(this.instances.group);
      full = true;
    }
    if (full) this.instances.uploadAll(nowMs);
    else this.instances.uploadChanges(changes, nowMs);
  }

  draw(): HTMLCanvasElement {
    this.renderer.render(this.scene, this.camera);
    return this.canvas;
  }

  /** Frees the GL context now (a cancelled reel must not hold one until garbage collection). */
  dispose(): void {
    this.instances.dispose();
    this.grid?.geometry.dispose();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
  }
}
