// Module resolution hook: 'server-only' throws outside React Server Components; in the CLI it is empty.
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') {
    return { url: 'data:text/javascript,export {};', shortCircuit: true };
  }
  return next(specifier, context);
}
