export * from './accounts';
export * from './documents';
