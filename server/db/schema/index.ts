export * from './accounts';
export * from './documents';
export * from './records';
export * from './audit';
export * from './comments';
