/** convoy's Kubernetes wrapper: the client, its error classifier, and the contract types. */
export type * from './types.ts';
export { createClient } from './client.ts';
export { classifyError, toConvoyError, type ErrorClass, type RequestContext, type FieldConflict } from './errors.ts';
export { splitApiVersion } from './paths.ts';
