/** The shared kernel state (placeholder; filled by the kernel model). */
export interface World {
  readonly pages: readonly unknown[];
}
