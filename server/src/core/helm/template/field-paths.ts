import type { EvalEnv } from './eval-env';
import { isMapValue, isUnknown, UNKNOWN, type Value } from './template-values';

// Reading a field chain (`.Values.a.b`, `$x.name`) as Go templates do, recording where root fields come from.

const ROOT_ORIGINS: Record<string, string> = { Values: 'values', Release: 'release', Chart: 'chart', Capabilities: 'capabilities' };

/** Origins of field paths from the root (`values:a.b` of `.Values.a.b`), by path: a template reads the same fields again and again. */
const rootOrigins = new WeakMap<string[], string>();

function rootOrigin(path: string[]): string {
  let origin = rootOrigins.get(path);
  if (origin === undefined) {
    origin = `${ROOT_ORIGINS[path[0]]}:${path.slice(1).join('.')}`;
    rootOrigins.set(path, origin);
  }
  return origin;
}

export function fieldPath(env: EvalEnv, value: Value, path: string[], fromRoot: boolean): Value {
  if (fromRoot && path.length && env.origins && Object.hasOwn(ROOT_ORIGINS, path[0]) && isMapValue(value) && 'Values' in value) {
    env.origins.add(rootOrigin(path));
  }
  let current = value;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (isUnknown(current)) return UNKNOWN;
    // A nil that starts the chain (`(.Values.a).b`, `$x.b`) gives nil; one a step found (`.Values.a.b`, `.a` missing
    // or null) stops Helm with "nil pointer evaluating interface {}.b": nothing renders, so nothing is known.
    if (current === null) return i === 0 ? null : UNKNOWN;
    if (!isMapValue(current)) return UNKNOWN;
    // A map's own entries only: `.Values.constructor` is a missing key, as in Go, not a JavaScript method.
    current = Object.hasOwn(current, key) ? current[key] : null;
  }
  return current;
}
