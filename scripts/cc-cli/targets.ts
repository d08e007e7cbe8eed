// Where the CLI talks to: flags first, then the running service's DATA_DIR/runtime.json, then the
// environment (PORT, EMULATOR_PORT, also from .env) and the defaults Switchboard itself uses.
import { readRuntimeFile } from '../../bot/runtime-file';

export interface Targets {
  readonly dataDir: string;
  /** Switchboard's URL. */
  readonly service: string;
  /** The Graph emulator's origin. */
  readonly graph: string;
  /** The presence session id Switchboard uses, when the runtime file says. */
  readonly sessionId: string | null;
  /** Why these URLs: shown in the hint when nothing answers. */
  readonly from: string;
}

export interface TargetFlags {
  readonly url?: string;
  readonly graph?: string;
  readonly dataDir?: string;
}

export function resolveTargets(flags: TargetFlags, env: NodeJS.ProcessEnv): Targets {
  const dataDir = flags.dataDir ?? env.DATA_DIR ?? './data';
  const runtime = readRuntimeFile(dataDir);
  const info = runtime.kind === 'running' ? runtime.info : null;
  const from = info
    ? `from ${dataDir}/runtime.json`
    : runtime.kind === 'stale'
      ? `${dataDir}/runtime.json is left from process ${runtime.pid}, which has stopped`
      : `no runtime file in ${dataDir}; pass --data-dir if Switchboard keeps its data elsewhere`;
  return {
    dataDir,
    service: trimSlash(flags.url ?? info?.url ?? `http://127.0.0.1:${env.PORT || '3978'}`),
    graph: trimSlash(flags.graph ?? info?.emulatorUrl ?? `http://127.0.0.1:${env.EMULATOR_PORT || '4000'}`),
    sessionId: info?.presenceSessionId ?? null,
    from,
  };
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');
