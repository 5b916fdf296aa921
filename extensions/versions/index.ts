/** The versions documents: the `versions` and `version_v2` apps and the `version_root` filter. */
export { versionsApp } from './versions-app.js';
export { versionRootFilter } from './version-root-filter.js';
export { versionV2App } from './version-v2-app.js';
export { versionDocument, versionEntry, choicesDocument, V21_UPDATED } from './version-document.js';
