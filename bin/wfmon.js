#!/usr/bin/env node
// Node 22.1 and later keep compiled modules on disk between runs (start-up is
// part of every script's wall time); Node 20 has no such cache and skips it.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/source/cli.js');
