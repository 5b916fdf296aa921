/**
 * `docs` (namespace `wharf.apps`): the API reference page, mounted by the shipped pipeline at
 * `/docs`. It renders the deployment's OpenAPI document (`spec_url`, default
 * `../v2.1/openapi.json`, relative to the page) with Scalar's API reference, whose browser
 * bundle wharf serves from the installed npm package: the page loads nothing from the
 * internet (its Content-Security-Policy allows only its own origin), and Scalar's web
 * fonts, proxy and client button are turned off.
 *
 * `GET /docs` redirects to `/docs/` so relative URLs resolve under the mount; `/docs/`
 * is the page, `/docs/scalar.js` the bundle, `/docs/init.js` the set-up script.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { HTTPMethodNotAllowed, HTTPNotFound } from '../../errors.js';
import type { AppFactory } from '../../pipeline/types.js';
import { sendFault } from '../../http/faults.js';

const BUNDLE = createRequire(import.meta.url).resolve(
  '@scalar/api-reference/browser/standalone.js'
);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'"
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
}

function page(): Asset {
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Compute API reference (wharf)</title>
  </head>
  <body>
    <div id="app"></div>
    <script src="scalar.js"></script>
    <script src="init.js"></script>
  </body>
</html>
`;
  return { type: 'text/html; charset=utf-8', body: Buffer.from(html) };
}

function init(specUrl: string): Asset {
  const config = {
    url: specUrl,
    withDefaultFonts: false,
    hideClientButton: true,
    proxyUrl: '',
    telemetry: false,
    // Scalar's AI agent and developer toolbar call scalar.com; the page stays offline.
    agent: { disabled: true },
    showDeveloperTools: 'never'
  };
  const script = `Scalar.createApiReference('#app', ${JSON.stringify(config)});\n`;
  return { type: 'text/javascript; charset=utf-8', body: Buffer.from(script) };
}

/** Factory of the `docs` app; option `spec_url`, the document's URL relative to `/docs/`. */
export const docsApp: AppFactory = ({ localConf }): RequestHandler => {
  const assets = new Map<string, Asset>([
    ['/', page()],
    ['/init.js', init(localConf.spec_url ?? '../v2.1/openapi.json')],
    ['/scalar.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(BUNDLE) }]
  ]);
  return function docs(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    const original = ((req as { originalUrl?: string }).originalUrl ?? path).split('?', 1)[0]!;
    const asset = assets.get(path === '' ? '/' : path);
    if (!asset) return sendFault(res, new HTTPNotFound());
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendFault(res, new HTTPMethodNotAllowed(['GET', 'HEAD']));
    if (path === '/' && !original.endsWith('/')) {
      res.statusCode = 302;
      res.setHeader('Location', `${original}/`);
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Content-Length', asset.body.length);
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
};
docsApp.options = ['spec_url'];
