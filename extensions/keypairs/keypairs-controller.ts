/**
 * The keypairs controller (nova's `KeypairController`): a user's own keypairs at
 * `/os-keypairs`. Create answers 200 up to 2.1 and 201 from 2.2, delete 202 then 204; from
 * 2.2 the request may name the key `type` and every answer shows it. A user has at most
 * the key_pairs quota of key pairs (403 beyond, checked in the transaction that stores it).
 */
import { Controller, wsgi, type ApiRequest } from 'wharf';
import type { ComputeServices, KeypairType } from '../compute/index.js';
import { assertSafeKeypairName, keypairMaterial } from './keypair-material.js';
import { CREATE_KEYPAIR_V21, CREATE_KEYPAIR_V22 } from './keypair-schemas.js';
import { createdKeypair, listedKeypair, shownKeypair } from './keypair-view.js';

/** The body `POST /os-keypairs` validates to. */
interface CreateKeypairBody {
  keypair: { name: string; public_key?: string; type?: KeypairType };
}

/** Serves `/os-keypairs`. */
export class KeypairsController extends Controller {
  constructor(private readonly services: ComputeServices) {
    super();
  }

  @wsgi.policy('os_compute_api:os-keypairs:create')
  @wsgi.response(200, '2.1', '2.1')
  @wsgi.response(201, '2.2')
  @wsgi.expectedErrors([400, 403, 409])
  @wsgi.schema(CREATE_KEYPAIR_V21, '2.1', '2.1')
  @wsgi.schema(CREATE_KEYPAIR_V22, '2.2')
  async create(req: ApiRequest): Promise<unknown> {
    const { name, public_key: publicKey, type = 'ssh' } = (req.body as CreateKeypairBody).keypair;
    this.authorize(req);
    assertSafeKeypairName(name);
    const material = await keypairMaterial(type, publicKey);
    const { keypairs, quotas } = await this.services.backend();
    const userId = req.context.userId!;
    const projectId = req.context.projectId ?? '';
    const keypair = await keypairs.create(
      {
        name,
        userId,
        projectId: req.context.projectId,
        publicKey: material.publicKey,
        fingerprint: material.fingerprint,
        type
      },
      () => quotas.checkKeypair(projectId, userId)
    );
    return createdKeypair(keypair, material, req.context.apiVersion!);
  }

  @wsgi.policy('os_compute_api:os-keypairs:index')
  @wsgi.expectedErrors([])
  async index(req: ApiRequest): Promise<unknown> {
    this.authorize(req);
    const { keypairs } = await this.services.backend();
    const listed = await keypairs.list(req.context.userId!);
    return { keypairs: listed.map((keypair) => listedKeypair(keypair, req.context.apiVersion!)) };
  }

  @wsgi.policy('os_compute_api:os-keypairs:show')
  @wsgi.expectedErrors(404)
  async show(req: ApiRequest): Promise<unknown> {
    this.authorize(req);
    const { keypairs } = await this.services.backend();
    const keypair = await keypairs.get(req.context.userId!, req.params.id!);
    return shownKeypair(keypair, req.context.apiVersion!);
  }

  @wsgi.policy('os_compute_api:os-keypairs:delete')
  @wsgi.response(202, '2.1', '2.1')
  @wsgi.response(204, '2.2')
  @wsgi.expectedErrors(404)
  async delete(req: ApiRequest): Promise<void> {
    this.authorize(req);
    const { keypairs } = await this.services.backend();
    await keypairs.delete(req.context.userId!, req.params.id!);
  }

  /** Checks the rule the method declares on nova's target: the caller's own user and project. */
  private authorize(req: ApiRequest): void {
    const { userId, projectId } = req.context;
    this.services.policy.authorize(req, { user_id: userId, project_id: projectId });
  }
}
