#!/usr/bin/env node
// `npx switchboard-cc …`: the contact-center CLI, written in TypeScript and run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./cc-cli.ts');
