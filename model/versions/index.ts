/** The protocol versions movcheck ships, by id. */
import type { Protocol } from '../protocol.ts';

/** Every built-in protocol version, in display order. */
export const protocols: readonly Protocol[] = [];

/** The built-in version with this id, or undefined. */
export function protocolById(id: string): Protocol | undefined {
  return protocols.find((p) => p.id === id);
}
