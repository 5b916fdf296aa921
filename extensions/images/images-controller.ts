/**
 * The images controller: nova's read-only image proxy (`GET /images`, `/images/detail`,
 * `/images/{id}`) and the glance v2 routes the command lines look images up with
 * (`GET /v2/images`, `/v2/images/{id}`), both over the compute library's catalogue.
 */
import { Controller, HTTPNotFound, wsgi, type ApiRequest } from 'wharf';
import {
  ImageNotFound,
  type ComputeServices,
  type Image,
  type ImageRepository
} from '../compute/index.js';
import { glanceImage, glanceImageList } from './glance-image-view.js';
import { glanceImageQuery, MAX_IMAGE_LIMIT, novaImageFilters } from './image-query.js';
import { basicImage, detailedImage, imagePageLinks } from './image-view.js';

/** The policy rule every image read checks. */
const IMAGES_RULE = 'os_compute_api:images';

/** Serves `/images` and `/v2/images`. */
export class ImagesController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy(IMAGES_RULE)
  @wsgi.expectedErrors(400)
  index(req: ApiRequest): Promise<unknown> {
    return this.page(req, 'images', basicImage);
  }

  @wsgi.policy(IMAGES_RULE)
  @wsgi.expectedErrors(400)
  detail(req: ApiRequest): Promise<unknown> {
    return this.page(req, 'detail_images', detailedImage);
  }

  /** nova's `{"image": {...}}` only: glance's bare image is served at `/v2/images/{id}`. */
  @wsgi.policy(IMAGES_RULE)
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    const image = await this.find(req, 'Image not found.');
    return { image: detailedImage(req, image) };
  }

  /** `GET /v2/images`: glance's listing, `name` matching exactly. */
  @wsgi.policy(IMAGES_RULE)
  @wsgi.expectedErrors(400)
  async glanceIndex(req: ApiRequest): Promise<unknown> {
    const { filters, matches, query } = glanceImageQuery(req);
    const images = matches ? await this.repository(req, (images) => images.list(filters)) : [];
    return glanceImageList(images, query, filters.limit);
  }

  /** `GET /v2/images/{id}`: the bare glance image. */
  @wsgi.policy(IMAGES_RULE)
  @wsgi.expectedErrors(404)
  async glanceShow(req: ApiRequest): Promise<unknown> {
    return glanceImage(await this.find(req, `No image found with ID ${req.params.id}`));
  }

  /** One page of the proxy's listing, with `images_links` when it is full. */
  private async page(
    req: ApiRequest,
    route: 'images' | 'detail_images',
    view: (req: ApiRequest, image: Image) => Record<string, unknown>
  ): Promise<unknown> {
    const filters = novaImageFilters(req);
    const images = await this.repository(req, (repository) => repository.list(filters));
    // nova compares the page with `[api] max_limit` when no limit was asked for.
    const links = imagePageLinks(req, route, images, filters.limit ?? MAX_IMAGE_LIMIT);
    return {
      images: images.map((image) => view(req, image)),
      ...(links.length > 0 ? { images_links: links } : {})
    };
  }

  /** The image of the route's id; a missing one is a 404 in the API's own words. */
  private find(req: ApiRequest, notFound: string): Promise<Image> {
    return this.repository(req, async (images) => {
      try {
        return await images.get(req.params.id!);
      } catch (error) {
        if (!(error instanceof ImageNotFound)) throw error;
        throw new HTTPNotFound(notFound, { cause: error });
      }
    });
  }

  /** Checks policy, then runs `work` on the repository. */
  private async repository<T>(
    req: ApiRequest,
    work: (images: ImageRepository) => Promise<T>
  ): Promise<T> {
    this.services.policy.authorize(req, { project_id: req.context.projectId });
    return work((await this.services.backend()).images);
  }
}
