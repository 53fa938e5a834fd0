/** The report formatters: pure functions from result data to text (text, email, JSON, ITF, Markdown, JUnit, HTML). */
export * from './record.ts';
export * from './layout.ts';
export * from './ascii.ts';
export * from './wording.ts';
export * from './text.ts';
export * from './email.ts';
export * from './json.ts';
export * from './itf.ts';
export * from './mermaid.ts';
export * from './md.ts';
export * from './matrix.ts';
export * from './junit.ts';
export * from './gate-md.ts';
export * from './html-matrix.ts';
export * from './html.ts';
export * from './catalog-table.ts';
export * from './site.ts';
