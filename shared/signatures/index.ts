/** Sign-off and issuance formats shared by server, CLI and browser (no I/O). */
export * from './payload';
export * from './certificate';
export * from './issued';
export * from './numbering';
export * from './stats';
export * from './api';
export * from './signing';
