import { useEffect, useMemo } from 'react';
import { tableFromIPC } from 'apache-arrow';
import * as THREE from 'three';
import type { HeatmapResult } from '../../analysis/core/src/index.js';

/**
 * The spatial heatmap (block changes per x/z cell) laid on the ground under the world: one
 * texel per cell, transparent where nothing happened, hotter where more did.
 */
export function HeatmapGround({ heatmap, y }: { heatmap: HeatmapResult; y: number }) {
  const plane = useMemo(() => {
    const cell = heatmap.cellSize ?? 1;
    const xs = heatmap.cols.map(Number);
    const zs = heatmap.rows.map(Number);
    if (xs.length === 0 || zs.length === 0 || heatmap.max <= 0) return null;
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const [z0, z1] = [Math.min(...zs), Math.max(...zs)];
    const w = Math.round((x1 - x0) / cell) + 1;
    const h = Math.round((z1 - z0) / cell) + 1;
    if (w * h > 4096 * 4096) return null;
    const data = new Uint8Array(w * h * 4);
    const table = tableFromIPC(heatmap.cells);
    const r = table.getChild('r');
    const c = table.getChild('c');
    const n = table.getChild('n');
    for (let k = 0; k < table.numRows; k++) {
      const tx = Math.round((xs[Number(c?.get(k))]! - x0) / cell);
      const tz = Math.round((zs[Number(r?.get(k))]! - z0) / cell);
      const t = Math.sqrt(Number(n?.get(k)) / heatmap.max);
      const o = (tz * w + tx) * 4;
      data[o] = 255;
      data[o + 1] = Math.round(220 * (1 - t));
      data[o + 2] = 40;
      data[o + 3] = Math.round(60 + 180 * t);
    }
    const texture = new THREE.DataTexture(data, w, h, THREE.RGBAFormat);
    texture.magFilter = THREE.NearestFilter;
    texture.needsUpdate = true;
    return {
      texture,
      w: w * cell,
      h: h * cell,
      cx: x0 - cell / 2 + (w * cell) / 2,
      cz: z0 - cell / 2 + (h * cell) / 2,
    };
  }, [heatmap]);

  useEffect(() => () => plane?.texture.dispose(), [plane]);
  if (!plane) return null;
  // The texture's rows run along +z: lay the plane flat with its v axis pointing to +z.
  return (
    <mesh
      position={[plane.cx, y, plane.cz]}
      rotation={[Math.PI / 2, 0, 0]}
      scale={[1, -1, 1]}
      renderOrder={1}
    >
      <planeGeometry args={[plane.w, plane.h]} />
      <meshBasicMaterial map={plane.texture} transparent depthWrite={false} side={THREE.DoubleSide} />
    </mesh>
  );
}
