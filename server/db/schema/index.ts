export * from './accounts';
export * from './documents';
export * from './collab';
export * from './records';
export * from './notifications';
export * from './audit';
export * from './comments';
