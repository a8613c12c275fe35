import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { World } from '../../analysis/core/src/index.js';
import { INSTANCE_FLAGS } from '../../analysis/core/src/index.js';
import { announcePose, listenPose } from './cameraSync.js';

const { LIVE, DELETED, ACTOR } = INSTANCE_FLAGS;

/** Box around the drawn entities (actors left out: they wait high above the world). */
export function worldBounds(world: World): THREE.Box3 {
  const box = new THREE.Box3();
  const a = world.arrays;
  const p = new THREE.Vector3();
  for (let i = 0; i < a.count; i++) {
    const f = a.flags[i]!;
    if (!(f & (LIVE | DELETED)) || f & ACTOR || a.scale[i]! <= 0) continue;
    box.expandByPoint(p.set(a.position[i * 3]!, a.position[i * 3 + 1]!, a.position[i * 3 + 2]!));
  }
  if (box.isEmpty()) box.set(new THREE.Vector3(-10, 0, -10), new THREE.Vector3(10, 4, 10));
  return box;
}

interface CameraRigProps {
  world: World;
  /** Changes when the camera should frame the whole world again (a new replay, the "fit" button). */
  fitSignal: number;
  /** Changes as the world grows: the camera frames it again until the user moves it. */
  shape: number;
  /** Instance index the camera follows (undefined: free). */
  followIndex?: number | undefined;
  cameraKey?: string | undefined;
}

/** Orbit, pan and zoom (three's OrbitControls), framing the world, following an actor, synced by key. */
export function CameraRig({ world, fitSignal, shape, followIndex, cameraKey }: CameraRigProps) {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const controls = useRef<OrbitControls | null>(null);
  const userMoved = useRef(false);

  useEffect(() => {
    const c = new OrbitControls(camera, dom);
    c.maxPolarAngle = Math.PI * 0.495;
    controls.current = c;
    const id = Symbol('viewport');
    let applying = false;
    const onChange = () => {
      invalidate();
      if (cameraKey && !applying) {
        const { x, y, z } = camera.position;
        const t = c.target;
        announcePose(cameraKey, { position: [x, y, z], target: [t.x, t.y, t.z] }, id);
      }
    };
    const onStart = () => (userMoved.current = true);
    c.addEventListener('change', onChange);
    c.addEventListener('start', onStart);
    const off = cameraKey
      ? listenPose(cameraKey, (pose, from) => {
          if (from === id) return;
          applying = true;
          camera.position.set(...pose.position);
          c.target.set(...pose.target);
          c.update();
          applying = false;
        })
      : undefined;
    return () => {
      off?.();
      c.removeEventListener('change', onChange);
      c.removeEventListener('start', onStart);
      c.dispose();
      controls.current = null;
    };
  }, [camera, dom, invalidate, cameraKey]);

  // An explicit fit always frames; a grown world only until the user took the camera.
  const fitted = useRef(-1);
  useEffect(() => {
    const c = controls.current;
    if (!c) return;
    const explicit = fitted.current !== fitSignal;
    if (!explicit && (userMoved.current || followIndex !== undefined)) return;
    fitted.current = fitSignal;
    if (explicit) userMoved.current = false;
    const box = worldBounds(world);
    const centre = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3());
    const radius = Math.max(6, 0.5 * Math.hypot(size.x, size.y, size.z));
    const perspective = camera as THREE.PerspectiveCamera;
    // The world's box seen from above at an angle: its diagonal fills most of the view.
    const distance = (0.62 * radius) / Math.tan(((perspective.fov ?? 50) * Math.PI) / 360);
    c.target.copy(centre);
    camera.position.set(centre.x + distance * 0.55, centre.y + distance * 0.6, centre.z + distance * 0.6);
    perspective.far = Math.max(2000, distance * 6);
    perspective.updateProjectionMatrix();
    c.update();
    invalidate();
    // followIndex is read, not watched: following never reframes.
  }, [world, fitSignal, shape, camera, invalidate]);

  const target = useRef(new THREE.Vector3());
  useFrame(() => {
    const c = controls.current;
    if (!c || followIndex === undefined) return;
    const p = world.arrays.position;
    target.current.set(p[followIndex * 3]!, p[followIndex * 3 + 1]!, p[followIndex * 3 + 2]!);
    const delta = target.current.sub(c.target).multiplyScalar(0.25);
    if (delta.lengthSq() < 1e-6) return;
    c.target.add(delta);
    camera.position.add(delta);
    c.update();
    invalidate();
  });
  return null;
}
