/**
 * Writes a drop-in package of synthetic API extensions for the wharf benchmark servers:
 * `routes` resource extensions, each a plain ESM module adding one collection with a `show`
 * method (the collections of `collectionNames(routes)`, `widgets` ten from the end), and
 * one controller extension on `widgets` adding the `bench-poke` action (202, empty body,
 * its body checked against `POKE_SCHEMA`) and an `@wsgi.extends` post-processor on `show`
 * that adds the widget's `name`, so `GET /v2.1/widgets/42` answers exactly what the
 * baseline servers answer.
 *
 * The modules import `wharf` by name, as a third-party drop-in does (the package lists no
 * copy of its own: the host provides it through its resolve hook), and apply the decorators
 * by hand (plain JavaScript has none). The package (`DIR/bench-api/`,
 * with `"type": "module"` and `"wharf": {"entryPoints": ...}`) is found as a drop-in of
 * `DIR`, next to the bundled manifest, which still provides the pipeline's filters and apps.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectionNames } from '../servers/widget-api.js';

/** The namespace wharf's API router loads. */
const API_NAMESPACE = 'wharf.api.v21.extensions';
/** The package folder under the drop-in folder. */
export const PACKAGE = 'bench-api';
/** The action the controller extension adds to `widgets`. */
export const POKE_ACTION = 'bench-poke';
/**
 * The JSON schema of the action's body (`{"bench-poke": null}`), declared on the wharf
 * action with `@wsgi.schema` and on the Fastify anchor's route alike.
 */
export const POKE_SCHEMA = {
  type: 'object',
  properties: { [POKE_ACTION]: { type: 'null' } },
  required: [POKE_ACTION],
  additionalProperties: false
} as const;
/** The alias of the controller extension. */
const EXTRAS_ALIAS = 'bench-widget-extras';

/** A generated set: the drop-in folder to pass to the host, and every alias it declares. */
export interface GeneratedApi {
  dropinDir: string;
  routes: number;
  aliases: string[];
}

/** The aliases of a set of `routes` collections: one per collection, then the extras. */
export function syntheticAliases(routes: number): string[] {
  return [...collectionNames(routes).map(aliasOf), EXTRAS_ALIAS];
}

/** Writes the set into `dropinDir/bench-api/` (created if missing). */
export async function generateApiExtensions(
  dropinDir: string,
  routes: number
): Promise<GeneratedApi> {
  const root = join(dropinDir, PACKAGE);
  await mkdir(root, { recursive: true });
  const entries: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  for (const collection of collectionNames(routes)) {
    const file = `${collection}.js`;
    entries[entryName(collection)] = `./${file}:${className(collection)}Extension`;
    writes.push(writeFile(join(root, file), resourceSource(collection)));
  }
  entries.bench_widget_extras = './widget-extras.js:WidgetExtras';
  writes.push(writeFile(join(root, 'widget-extras.js'), extrasSource()));
  const pkg = {
    name: PACKAGE,
    version: '1.0.0',
    type: 'module',
    wharf: { entryPoints: { [API_NAMESPACE]: entries } }
  };
  writes.push(writeFile(join(root, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`));
  await Promise.all(writes);
  return { dropinDir, routes, aliases: syntheticAliases(routes) };
}

/** The module of one collection: its controller (show only) and its extension. */
function resourceSource(collection: string): string {
  const name = className(collection);
  // widgets answers `{"widget": {"id"}}`; the extras' post-processor adds the name.
  const body =
    collection === 'widgets'
      ? `{ widget: { id: req.params.id } }`
      : `{ ${collection}: req.params.id }`;
  return [
    `import { APIExtensionBase, Controller, ResourceExtension } from 'wharf';`,
    ``,
    `class ${name}Controller extends Controller {`,
    `  show(req) {`,
    `    return ${body};`,
    `  }`,
    `}`,
    ``,
    `export class ${name}Extension extends APIExtensionBase {`,
    `  name = '${name}';`,
    `  alias = '${aliasOf(collection)}';`,
    `  version = 1;`,
    `  description = 'Synthetic benchmark collection ${collection}.';`,
    `  getResources() {`,
    `    return [new ResourceExtension('${collection}', new ${name}Controller())];`,
    `  }`,
    `}`,
    ``
  ].join('\n');
}

/** The controller extension on widgets: one action and one post-processor of show. */
function extrasSource(): string {
  return [
    `import { APIExtensionBase, Controller, ControllerExtension, wsgi } from 'wharf';`,
    ``,
    `class WidgetExtrasController extends Controller {`,
    `  show(req, resp) {`,
    `    resp.obj.widget.name = 'w';`,
    `  }`,
    `  poke() {}`,
    `}`,
    ``,
    `const proto = WidgetExtrasController.prototype;`,
    `const method = (key) => Object.getOwnPropertyDescriptor(proto, key);`,
    `wsgi.extends()(proto, 'show', method('show'));`,
    `wsgi.action('${POKE_ACTION}')(proto, 'poke', method('poke'));`,
    `wsgi.response(202)(proto, 'poke', method('poke'));`,
    `wsgi.schema(${JSON.stringify(POKE_SCHEMA)})(proto, 'poke', method('poke'));`,
    ``,
    `export class WidgetExtras extends APIExtensionBase {`,
    `  name = 'WidgetExtras';`,
    `  alias = '${EXTRAS_ALIAS}';`,
    `  version = 1;`,
    `  description = 'Synthetic benchmark controller extension on widgets.';`,
    `  getControllerExtensions() {`,
    `    return [new ControllerExtension(this, 'widgets', new WidgetExtrasController())];`,
    `  }`,
    `}`,
    ``
  ].join('\n');
}

function aliasOf(collection: string): string {
  return `bench-${collection}`;
}

function entryName(collection: string): string {
  return `bench_${collection}`;
}

function className(collection: string): string {
  return collection.charAt(0).toUpperCase() + collection.slice(1);
}
