/**
 * The plain case: one compaction thread migrates a driver page while the
 * driver uses its own list; the object's data must end up in the new page.
 * Its mutant drops the driver's copy and must lose the data.
 */
import { defineScenario, NEWER, pass, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';
import { editFns } from '../../model/mutate.ts';
import { num, pg, RC } from '../../model/dsl.ts';

const system: SystemInit = {
  pages: [driverPage(), free],
  threads: [
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
    { name: 'D', fn: 'drv_lru', args: { p: 0 } },
  ],
};
const actors = ['C0: compaction scanning page 0, migrating it to page 1', "D: the driver rotating its pool list through page->lru"];
const pages = ['page 0: driver page, movable, on the driver\'s list, holds the object (data 42)', 'page 1: free (the migration target)'];

/** Migration of a driver page keeps its data, under every version. */
export const migrationPreservesData = defineScenario({
  id: 'migration-preserves-data',
  title: 'A migrated driver page keeps its data',
  review: null,
  quote: null,
  summary:
    'C0 isolates page 0, allocates page 1 (or fails to), and migrates; the driver\'s migratepage may succeed, ask to retry or fail. Whatever happens, the driver\'s object must hold its data at the end, every reference must be accounted for, and nothing may stay isolated.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(VERSIONS.map((v) => [v, pass('Every outcome of migratepage (success, -EAGAIN, -EBUSY) and of the allocation leaves the object intact and the page either migrated or put back.')]))),
    'v6.1': pass('zs_page_migrate() copies and moves the object under both page locks; a failed migration is put back through mops->putback_page.'),
    'v6.2': pass('As 6.1.'),
    'v7.0': pass('As 6.1, through migrate_movable_ops_page(), which clears PG_movable_ops_isolated only when the driver returned 0.'),
  },
  system,
});

/** The same with a driver whose migratepage forgets to copy: must fail. */
export const migrationNoCopy = defineScenario({
  id: 'migration-preserves-data~no-copy',
  title: 'Mutant: the driver migrates without copying',
  review: null,
  quote: null,
  summary: 'As migration-preserves-data, but the driver\'s migratepage reports success without copying the object to the new page.',
  actors,
  pages,
  protocols: [...VERSIONS, ...NEWER],
  expect: {
    ...(Object.fromEntries(VERSIONS.map((v) => [v, violation('migration-preserves-data', 'The object moves to page 1, which never received its data.')]))),
    'v6.1': violation('migration-preserves-data', 'The object moves to page 1, which never received its data.'),
    'v6.2': violation('migration-preserves-data', 'The object moves to page 1, which never received its data.'),
    'v7.0': violation('migration-preserves-data', 'The object moves to page 1, which never received its data.'),
  },
  mutantOf: { id: 'migration-preserves-data', change: "drv_migratepage: the copy of the objects is removed" },
  system: {
    ...system,
    overrides: (p) =>
      editFns(p.fns, {
        drv_migratepage: {
          copy: {
            code: 'copy the objects of page to newpage /* MUTANT: no copy */',
            run: (c) => {
              if (c.choice === '-EAGAIN') return c.ret(RC.EAGAIN);
              if (c.choice === '-EBUSY') return c.ret(RC.EBUSY);
              void pg(c, 'np');
              c.call('__SetPageMovable', { p: num(c.l, 'np') }, 'own');
            },
          },
        },
      }),
  },
});
