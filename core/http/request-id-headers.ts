/**
 * The response headers naming a request. The HTTP server sets them before anything else can
 * answer, the `request_id` filter adopts their value, and faults written by any layer carry
 * them.
 */

/** Response header naming the request (OpenStack-wide). */
export const OPENSTACK_REQUEST_ID_HEADER = 'x-openstack-request-id';
/** Response header naming the request (nova's own spelling, same value). */
export const COMPUTE_REQUEST_ID_HEADER = 'x-compute-request-id';
