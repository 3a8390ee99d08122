/**
 * The environment helm and kubectl run with.
 */

/**
 * `env` plus Go runtime settings for short-lived tool runs, unless already set:
 * `GOGC=off` with `GOMEMLIMIT=1GiB`: no garbage collection until the heap nears 1 GiB, so
 * a render spends no CPU on collection (a template run is short), while a huge chart still
 * collects before memory runs out (Go runtime: https://go.dev/doc/gc-guide#Memory_limit).
 */
export function toolEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.GOGC !== undefined || env.GOMEMLIMIT !== undefined) return env;
  return { ...env, GOGC: 'off', GOMEMLIMIT: '1GiB' };
}
