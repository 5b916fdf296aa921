/** Baseline: bare Express 5 with the widgets route only. */
import { createServer } from 'node:http';
import express from 'express';
import { listenAndAnnounce } from './announce.js';
import { widgetBody } from './widget-api.js';

const app = express();
app.get('/v2.1/widgets/:id', (request, response) => {
  response.json(widgetBody(request.params.id));
});

await listenAndAnnounce(createServer(app));
