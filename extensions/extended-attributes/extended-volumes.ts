/**
 * `os-extended-volumes`: the volumes attached to a server, in show and detail. Volumes are
 * not modelled, so the list is always empty; clients still find the key they expect.
 */
import { injectable } from 'wharf';
import {
  addsServerFields,
  ServerAttributesController,
  ServerAttributesExtension,
  type ServerView
} from './server-attributes.js';

/** Adds `os-extended-volumes:volumes_attached`. */
@addsServerFields('os_compute_api:os-extended-volumes', {
  'os-extended-volumes:volumes_attached': {
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string' } } }
  }
})
export class ExtendedVolumesController extends ServerAttributesController {
  protected addAttributes(view: ServerView): void {
    view['os-extended-volumes:volumes_attached'] = [];
  }
}

/** The `os-extended-volumes` API extension. */
@injectable()
export class ExtendedVolumes extends ServerAttributesExtension {
  readonly name = 'ExtendedVolumes';
  readonly alias = 'os-extended-volumes';
  override readonly version = 1;
  override readonly description = 'Extended Volumes support.';

  protected createController(): ServerAttributesController {
    return new ExtendedVolumesController(this.services);
  }
}
