/** The entry-point namespace of compute API extensions, in a module that imports nothing. */
export const API_NAMESPACE = 'wharf.api.v21.extensions';
