#!/usr/bin/env node
// Starts the GitHub App (npm start). The CLI's `pipwarden serve` does the same.
import { startServer } from '../dist/server.js';

await startServer();
