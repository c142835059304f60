// Placeholder until the offline GraphiQL page lands (see gateway/test/playground.test.ts).
export function playgroundHtml({ endpoint }: { endpoint: string }): string {
  return `<!doctype html><title>Household hub</title><p>GraphQL endpoint: ${endpoint}</p>`;
}
