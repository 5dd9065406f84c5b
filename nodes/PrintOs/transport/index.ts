export * from './apiError';
export * from './client';
export * from './connection';
export * from './endpoint';
export * from './items';
export * from './pacer';
export * from './pagination';
export * from './retryPolicy';
