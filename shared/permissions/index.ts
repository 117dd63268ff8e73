/**
 * Who may do what: the single policy module, one file per resource, used by the REST routes,
 * the websocket and the client (to hide what the server would refuse anyway).
 * Pure functions; the server loads the facts, these decide.
 */
export * from './documents';
export * from './accounts';
export * from './records';
export * from './audit';
export * from './dossiers';
export * from './agency';
export * from './comments';
export * from './rounds';
export * from './signatures';
