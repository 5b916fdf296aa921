/**
 * The Server record a server view was built from, carried by the view itself under a
 * symbol key (JSON leaves it out): the extensions adding `OS-*` attributes to show, detail,
 * create and update read it there instead of reading the servers again, and need no
 * per-request table to find it (a WeakMap of a page's servers kept every one of them alive
 * past the young generation, which tripled the garbage collector's work on a listing).
 */
import type { Server } from './models.js';

const SHOWN = Symbol('wharf.compute.shownServer');

/** A view carrying the server it shows. */
interface ShowingView {
  [SHOWN]?: Server;
}

/** Records on `view` that it shows `server`; returns `view`. */
export function showsServer<View extends object>(view: View, server: Server): View {
  (view as ShowingView)[SHOWN] = server;
  return view;
}

/** The server `view` shows, when the view was built by `showsServer`. */
export function shownServer(view: object): Server | undefined {
  return (view as ShowingView)[SHOWN];
}
