import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { entityKey } from '../../analysis/core/src/index.js';
import type { HeatmapResult, Replay } from '../../analysis/core/src/index.js';
import { useStudio } from '../app/studioStore.js';
import { CameraRig, worldBounds } from './CameraRig.js';
import { HeatmapGround } from './HeatmapGround.js';
import { InstancedWorld } from './InstancedWorld.js';
import { Labels } from './Labels.js';
import type { LabelItem } from './Labels.js';
import { actorInstance, actorNames, districtCentres } from './worldNames.js';
import './viewport.css';

export interface ViewportPin {
  id: string;
  position: [number, number, number];
  label: string;
}

export interface ReplayViewportProps {
  replay: Replay;
  /** Entity keys (`entityKey(type, id)` of core), or bare actor ids, drawn highlighted. */
  highlight?: Set<string>;
  pins?: ViewportPin[];
  /** Viewports with the same key share the camera. */
  cameraKey?: string;
  /** The actor the camera follows. */
  follow?: string | null;
  /** Actor clicked: the panel follows it (or stops). */
  onFollow?: (actor: string | null) => void;
  /** The spatial heatmap laid on the ground. */
  heatmap?: HeatmapResult | null;
  showLabels?: boolean;
  /** Changing it frames the whole world again. */
  fitSignal?: number;
}

/**
 * The 3D replay: the voxel world (descendants) or the entity city (every other system), drawn
 * as instanced meshes from the replay's world, with labels, pins, a ground grid, an optional
 * heatmap, orbit camera, follow and picking (a click opens the entity in the Inspector).
 */
export function ReplayViewport({
  replay,
  highlight,
  pins,
  cameraKey,
  follow = null,
  onFollow,
  heatmap = null,
  showLabels = true,
  fitSignal = 0,
}: ReplayViewportProps) {
  const world = replay.world;
  const selectEntity = useStudio((s) => s.selectEntity);
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  // The world grows as it plays (new actors, new districts): labels and framing follow, at
  // most once a second, keyed by the instance count.
  const [shape, setShape] = useState(() => world.arrays.count);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onFrame = useCallback(() => {
    if (world.arrays.count === shape || pending.current !== null) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      setShape(world.arrays.count);
    }, 1000);
  }, [world, shape]);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);

  const highlighted = useMemo(() => {
    const out = new Set<number>();
    for (const key of highlight ?? []) {
      const [type, id] = key.split('\u0000') as [string, string | undefined];
      const i = id === undefined ? undefined : world.instanceOf(type, id);
      if (i !== undefined) out.add(i);
      // An actor given by id (a finding names one) lights up too.
      const a = id === undefined ? actorInstance(world, type) : undefined;
      if (a !== undefined) out.add(a);
    }
    return out;
  }, [highlight, world]);

  const onPick = useCallback(
    (i: number) => {
      const entity = world.entityAt(i);
      if (entity) {
        world.select(i);
        selectEntity({ entityType: entity.entityType, entityId: entity.entityId });
        return;
      }
      const actor = actorNames(world).get(i);
      if (actor) onFollow?.(actor === follow ? null : actor);
    },
    [world, selectEntity, onFollow, follow],
  );

  const labels = useMemo<LabelItem[]>(() => {
    const items: LabelItem[] = [];
    if (showLabels) {
      const p = world.arrays.position;
      for (const [i, name] of actorNames(world)) {
        items.push({
          key: `actor:${name}`,
          text: name,
          className: name === follow ? 'actor followed' : 'actor',
          position: () => [p[i * 3]!, p[i * 3 + 1]! + 1.4, p[i * 3 + 2]!],
        });
      }
      if (world.layout.kind === 'city') {
        for (const d of districtCentres(world)) {
          items.push({
            key: `district:${d.label}`,
            text: d.label,
            className: 'district',
            position: () => d.position,
          });
        }
      }
    }
    for (const pin of pins ?? []) {
      items.push({ key: `pin:${pin.id}`, text: pin.label, className: 'pin', position: () => pin.position });
    }
    return items;
    // `shape`: new actors and districts need labels.
  }, [world, showLabels, follow, pins, shape]);

  const followIndex = follow ? actorInstance(world, follow) : undefined;
  const ground = useMemo(() => {
    const box = worldBounds(world);
    const span = Math.max(box.max.x - box.min.x, box.max.z - box.min.z, 20);
    const size = Math.ceil((span * 1.3) / 10) * 10;
    return { size, x: (box.min.x + box.max.x) / 2, z: (box.min.z + box.max.z) / 2, y: box.min.y - 0.5 };
  }, [world, fitSignal, shape]);

  return (
    <div className="replay-viewport" data-testid="replay-viewport" data-layout={world.layout.kind}>
      <Canvas
        frameloop="demand"
        dpr={[1, 2]}
        camera={{ fov: 50, near: 0.1, far: 5000, position: [30, 30, 30] }}
        gl={{ antialias: true }}
      >
        <color attach="background" args={['#11161d']} />
        <ambientLight intensity={1.1} />
        <directionalLight position={[40, 80, 25]} intensity={1.6} />
        <gridHelper
          args={[ground.size, ground.size / (world.layout.kind === 'voxel' ? 1 : 5), '#3a4656', '#222b36']}
          position={[Math.round(ground.x), ground.y, Math.round(ground.z)]}
        />
        {heatmap && <HeatmapGround heatmap={heatmap} y={ground.y + 0.02} />}
        <InstancedWorld replay={replay} highlighted={highlighted} onPick={onPick} onFrame={onFrame} />
        <CameraRig
          world={world}
          fitSignal={fitSignal}
          shape={shape}
          followIndex={followIndex}
          cameraKey={cameraKey}
        />
        <Labels items={labels} layer={layer} />
      </Canvas>
      <div className="viewport-labels" ref={setLayer} aria-hidden="true" />
    </div>
  );
}

/** The key `highlight` expects for an entity. */
export const highlightKey = entityKey;
