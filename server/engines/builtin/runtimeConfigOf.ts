/**
 * What the generated Containerfile tells podman about the runtime config,
 * derived from the design the same way, so both engines write the same
 * Env, Labels, User, WorkingDir, Entrypoint and Cmd.
 */
import type { Design } from '../../../shared/design/types.ts';
import type { ImageRuntimeConfig } from './imageConfig.ts';
import { imageLabels } from './imageLabels.ts';

export function runtimeConfigOf(design: Design): ImageRuntimeConfig {
  const c = design.config;
  return {
    user: c.user,
    env: Object.entries(c.env),
    entrypoint: c.entrypoint,
    cmd: c.cmd,
    workdir: c.workdir,
    labels: imageLabels(design),
  };
}
