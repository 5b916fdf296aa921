/**
 * The top-level commands that the command plugins of wharf's bundled manifest add (namespace
 * `wharf.commands`), by name and one-line summary, so that `wharf --help` and
 * `wharf --version` list them without discovering entry points or loading any plugin: no
 * stat of installed packages, no extension manager. tests/unit/cli/bundled-plugin-commands
 * registers the real bundled plugins and fails when this list differs from what they add.
 * Commands of installed or drop-in packages are found only when the command line names a
 * command that is not built in (see plugin-commands.ts).
 */

/** A command a bundled command plugin adds, as `wharf --help` lists it. */
export interface BundledPluginCommand {
  name: string;
  summary: string;
}

/** Every top-level command of the bundled command plugins, in the manifest's order. */
export const BUNDLED_PLUGIN_COMMANDS: readonly BundledPluginCommand[] = [
  { name: 'db', summary: 'the compute database' }
];
