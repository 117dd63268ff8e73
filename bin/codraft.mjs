#!/usr/bin/env node
/**
 * The `codraft` command (package bin): runs the TypeScript CLI in server/cli/main.ts through
 * tsx's loader, resolved relative to this file so it works from any working directory.
 */
import { register } from 'tsx/esm/api';

register();
await import(new URL('../server/cli/main.ts', import.meta.url).href);
