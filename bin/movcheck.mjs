#!/usr/bin/env node
// movcheck command line: registers tsx so the TypeScript sources run as they are, then runs cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { cli } = await import('../cli/main.ts');
await cli(process.argv);
