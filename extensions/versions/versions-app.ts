/**
 * `versions` (namespace `wharf.apps`), mounted at `/`: the list of versions at the root, and
 * `300 Multiple Choices` for any other path (a client that forgot the version prefix).
 */
import {
  publicBaseUrl,
  ResponseObject,
  sendResponse,
  tokens,
  type APIRouter,
  type AppFactory
} from 'wharf';
import { choicesDocument, versionEntry } from './version-document.js';

/** Factory of the versions app. */
export const versionsApp: AppFactory = ({ container }) => {
  const router = container.resolve<APIRouter>(tokens.API_ROUTER);
  return function versions(req, res) {
    const root = publicBaseUrl(req);
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path === '/' || path === '') {
      sendResponse(res, 200, new ResponseObject({ versions: [versionEntry(router, root)] }));
      return;
    }
    sendResponse(res, 300, new ResponseObject(choicesDocument(root, path)));
  };
};
versionsApp.options = [];
