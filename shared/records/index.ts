/**
 * Record entries and the signed Merkle ledger: the format and its verification, shared by the
 * server, the CLI and the browser. Pure: no I/O. Content derivation (Yjs → JSON/HTML/text) is in
 * ./derive, imported separately because it pulls in the editor schema.
 */
export * from './hash';
export * from './canonical';
export * from './entry';
export * from './event-entry';
export * from './event-bundle';
export * from './kinds';
export * from './merkle';
export * from './proofs';
export * from './jws';
export * from './tree-head';
export * from './bundle';
export * from './verify-bundle';
export * from './api';
