/** The protocol versions movcheck ships, by id, and the mutants the catalog uses to show its checks bite. */
import type { Protocol } from '../protocol.ts';
import { v3 } from './v3.ts';
import { v3Reviewed } from './v3-reviewed.ts';
import { v48 } from './v4.8.ts';
import { v410 } from './v4.10.ts';
import { v50 } from './v5.0.ts';
import { v519 } from './v5.19.ts';
import { v48Atomic } from './v4.8-atomic.ts';
import { v61 } from './v6.1.ts';
import { v62 } from './v6.2.ts';
import { v70 } from './v7.0.ts';
import { mutantProtocols as olderMutants } from './mutants.ts';
import { newerMutants } from './mutants-newer.ts';

/** Every mutant version: those of the versions up to 5.19 (mutants.ts), then of 6.1, 6.2 and 7.0 (mutants-newer.ts). */
const mutantProtocols: readonly Protocol[] = [...olderMutants, ...newerMutants];

/** Every built-in protocol version, in kernel order (v4.8-atomic, 4.10 with the 2022 fix backported, right after its base). */
export const protocols: readonly Protocol[] = [v3, v3Reviewed, v48, v410, v48Atomic, v50, v519, v61, v62, v70];

/** The built-in version or mutant with this id, or undefined. */
export function protocolById(id: string): Protocol | undefined {
  return protocols.find((p) => p.id === id) ?? mutantProtocols.find((p) => p.id === id);
}

export { mutantProtocols };
