/** The `images` API extension (GET /images[/detail|/{id}] and glance-shaped GET /v2/images[/{id}]). */
export { Images } from './images-extension.js';
export { ImagesController } from './images-controller.js';
export { basicImage, detailedImage, imageLinks, isoSeconds } from './image-view.js';
export { glanceImage, glanceImageList } from './glance-image-view.js';
export {
  GLANCE_DEFAULT_LIMIT,
  MAX_IMAGE_LIMIT,
  glanceImageQuery,
  lastValues,
  novaImageFilters
} from './image-query.js';
export type { GlanceImageQuery } from './image-query.js';
