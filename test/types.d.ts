declare module 'zapier-platform-core/src/tools/schema' {
  export function compileApp(app: unknown): unknown;
  export function validateApp(app: unknown): unknown[];
  export function serializeApp(app: unknown): unknown;
}
