export * from './population';
export { Random, deriveSeed } from './random';
