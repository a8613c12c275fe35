import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type { ThreeEvent } from '@react-three/fiber';
import type { Replay } from '../../analysis/core/src/index.js';
import { subscribeFrames } from './frameBus.js';
import { InstanceScene } from './InstanceScene.js';

interface InstancedWorldProps {
  replay: Replay;
  highlighted: ReadonlySet<number>;
  onPick(index: number): void;
  /** Called after each replay frame was uploaded (labels, follow). */
  onFrame?: () => void;
}

/**
 * The world's instances, kept in step with the replay: a full upload when the arrays are new
 * (a new replay, or they grew), then per frame only the changed instances and running effects.
 * The canvas renders on demand: a replay frame or an effect asks for the next render.
 */
export function InstancedWorld({ replay, highlighted, onPick, onFrame }: InstancedWorldProps) {
  const invalidate = useThree((s) => s.invalidate);
  const arrays = replay.world.arrays;
  const [generation, setGeneration] = useState(arrays.generation);
  const voxel = replay.world.layout.kind === 'voxel';
  // `generation` says when the arrays were replaced: a new scene with bigger buffers.
  const scene = useMemo(() => new InstanceScene(replay.world.arrays, voxel), [replay, voxel, generation]);
  const uploaded = useRef(false);

  useEffect(() => {
    scene.setHighlighted(highlighted, performance.now());
    scene.uploadAll(performance.now());
    invalidate();
    return () => scene.dispose();
  }, [scene, invalidate]);

  useEffect(() => {
    scene.setHighlighted(highlighted, performance.now());
    invalidate();
  }, [scene, highlighted, invalidate]);

  useEffect(
    () =>
      subscribeFrames(replay, (frame) => {
        onFrame?.();
        if (replay.world.arrays.generation !== scene.generation) {
          // Grown arrays: a new scene uploads everything.
          setGeneration(replay.world.arrays.generation);
          return;
        }
        scene.uploadChanges(frame.changes, performance.now());
        uploaded.current = true;
        invalidate();
      }),
    [replay, scene, invalidate, onFrame],
  );

  // Paused: flashes and fades still finish, one render at a time.
  useFrame(() => {
    if (uploaded.current) uploaded.current = false;
    else if (scene.animateEffects(performance.now())) invalidate();
    if (scene.effectsRunning) invalidate();
  });

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    // A drag that orbited the camera is not a click on what lies under the pointer.
    if (event.delta > 4 || event.instanceId === undefined) return;
    const hidden = event.object.name === 'blocks' ? scene.blocks : scene.figures;
    if (hidden.matrix[event.instanceId * 16] === 0) return;
    event.stopPropagation();
    onPick(event.instanceId);
  };

  return <primitive object={scene.group} onClick={onClick} />;
}
