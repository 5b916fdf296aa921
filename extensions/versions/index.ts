/** The versions documents: the `versions` app and the `version_root` filter. */
export { versionsApp } from './versions-app.js';
export { versionRootFilter } from './version-root-filter.js';
export { versionDocument, versionEntry, choicesDocument, V21_UPDATED } from './version-document.js';
