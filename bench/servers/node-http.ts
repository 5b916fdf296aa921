/**
 * Baseline: bare `node:http`, one hand-written match for the widgets path. The ceiling the
 * frameworks are compared against.
 */
import { createServer } from 'node:http';
import { listenAndAnnounce } from './announce.js';
import { serveWidget } from './widget-api.js';

await listenAndAnnounce(createServer(serveWidget));
