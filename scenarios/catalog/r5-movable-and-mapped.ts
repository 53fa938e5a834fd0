/**
 * R5: v3 marks movable pages with _mapcount == -255, so a movable page cannot
 * also be mapped to user space: mapping it moves the counter off the marker.
 */
import { defineScenario, pass, V48_FAMILY, V6X, VERSIONS, violation } from '../define.ts';
import { driverPage, free, type SystemInit } from '../../model/system.ts';

const quote =
  'IIRC this was what Gioh\'s previous attempts used instead of PG_movable? Is it still needed? Doesn\'t it prevent a driver providing movable *and* mapped pages?';
const system: SystemInit = {
  pages: [driverPage(), free],
  threads: [
    { name: 'U', fn: 'user_map', args: { p: 0 } },
    { name: 'C0', fn: 'compact', args: { p: 0, np: 1 } },
  ],
};
const actors = ['U: user space mapping page 0 and unmapping it', 'C0: compaction isolating page 0 and migrating it to page 1'];
const pages = ['page 0: driver page, movable', 'page 1: free'];

/** User space maps a movable driver page. */
export const r5 = defineScenario({
  id: 'r5-movable-and-mapped',
  title: 'R5: user space maps a movable driver page',
  review: 'R5',
  quote,
  summary: 'page_add_file_rmap() increments _mapcount of a page the driver made movable, while compaction may be migrating it.',
  actors,
  pages,
  protocols: [...VERSIONS, ...V6X],
  expect: {
    v3: violation('mapcount-consistent', '_mapcount goes from the marker -255 to -254: it counts no mapping, and the page stops being PageMovable.'),
    'v3-r2': violation('mapcount-consistent', 'As v3: only R9 drops the _mapcount marker.'),
    'v3-r6': violation('mapcount-consistent', 'As v3: only R9 drops the _mapcount marker.'),
    'v3-r7': violation('mapcount-consistent', 'As v3: only R9 drops the _mapcount marker.'),
    'v3-r9': pass('R9 alone is the answer to R5: PageMovable tests a_ops->isolate_page instead of the marker, so _mapcount counts mappings again.'),
    'v3-reviewed': pass('R9 replaces the marker with an a_ops test, so _mapcount counts mappings again (the VM refuses to migrate a mapped page: page_mapped() gives -EAGAIN).'),
    'v4.8': pass('v4.8 keeps movability in page->mapping and leaves _mapcount alone.'),
    'v4.8-atomic': pass('As v4.8.'),
    'v4.10': pass('As v4.8: 4.10 changed only the page lock.'),
    'v4.10-generic': pass('As v4.10: the generic unlock_page() does not touch _mapcount.'),
    'v5.0': pass('As v4.8: 5.0 changed only how __unmap_and_move() puts newpage.'),
    'v5.19': pass('As v4.8: 5.19 made PG_isolated atomic, which this scenario does not need.'),
    'v6.1': pass('As 4.8: movability is in page->mapping and _mapcount counts mappings.'),
    'v6.2': pass('As 6.1.'),
  },
  notes: 'The model does not unmap pages (try_to_unmap): a mapped page fails migration with -EAGAIN, which is what v3-reviewed does; v4.8 sends non-LRU pages straight to the driver\'s migratepage, leaving mappings to the driver.',
  system,
});

/** The same with v3-reviewed keeping the marker. */
export const r5Mutant = defineScenario({
  id: 'r5-movable-and-mapped~marker',
  title: 'Mutant: v3-reviewed keeps the _mapcount marker',
  review: 'R5',
  quote,
  summary: 'As r5-movable-and-mapped, under v3-r9, v3-reviewed and the versions from 4.8 with __SetPageMovable still storing the -255 marker, as v3 did.',
  actors,
  pages,
  protocols: ['v3-r9~mapcount-marker', 'v3-reviewed~mapcount-marker', ...V48_FAMILY.map((v) => `${v}~mapcount-marker`), ...['v6.1~mapcount-marker', 'v6.2~mapcount-marker']],
  expect: {
    'v3-r9~mapcount-marker': violation('mapcount-consistent', 'As v3-reviewed~mapcount-marker: with the marker back beside R9\'s PageMovable, mapping the page breaks it again.'),
    'v3-reviewed~mapcount-marker': violation('mapcount-consistent', 'The marker is back, and mapping the page breaks it again.'),
    'v4.8~mapcount-marker': violation('mapcount-consistent', "The marker is back beside v4.8's mapping tag, and U's page_add_file_rmap() moves _mapcount off it: it counts no mapping."),
    ...Object.fromEntries(
      V48_FAMILY.filter((v) => v !== 'v4.8').map((v) => [`${v}~mapcount-marker`, violation('mapcount-consistent', 'As v4.8~mapcount-marker: the versions after 4.8 keep movability in page->mapping too.')]),
    ),
    'v6.1~mapcount-marker': violation('mapcount-consistent', "The marker is back beside 6.1's mapping tag, and U's page_add_file_rmap() moves _mapcount off it: it counts no mapping."),
    'v6.2~mapcount-marker': violation('mapcount-consistent', "The marker is back beside 6.1's mapping tag, and U's page_add_file_rmap() moves _mapcount off it: it counts no mapping."),
  },
  mutantOf: { id: 'r5-movable-and-mapped', change: 'the _mapcount marker of v3 kept' },
  system,
});
