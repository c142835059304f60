/**
 * Community cadres' near relatives (社区干部近亲属), read from the community subgraph through the graph:
 * the same `_entities` fetch the gateway makes, for `Person.isCadreNearRelative`. Approval of a dibao
 * application needs it at write time, where `@requires` cannot reach.
 */
export interface CadreRelatives {
  /** Which of these persons are near relatives of a serving community cadre; throws when community cannot answer. */
  among(personIds: string[]): Promise<string[]>;
}

const QUERY = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id isCadreNearRelative } } }';

/**
 * The lookup for one request, sent with the token the gateway signed for community on the caller's behalf
 * (community answers with the caller's own rights and jurisdiction); without one, community cannot be asked.
 */
export function cadreRelativesFrom(communityUrl: string, timeoutMs = 3000): (communityToken: string | undefined) => CadreRelatives {
  return (communityToken) => ({
    async among(personIds) {
      if (personIds.length === 0) return [];
      if (!communityToken) throw new Error('no token for the community subgraph came with this request');
      const response = await fetch(communityUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${communityToken}` },
        body: JSON.stringify({ query: QUERY, variables: { representations: personIds.map((id) => ({ __typename: 'Person', id })) } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { data?: { _entities?: ({ id: string; isCadreNearRelative: boolean | null } | null)[] }; errors?: { message: string }[] };
      if (!response.ok || body.errors?.length || !body.data?._entities) {
        throw new Error(`community answered ${response.status}${body.errors?.length ? `: ${body.errors[0]!.message}` : ''}`);
      }
      // A member community does not answer for (unknown, or outside the caller's jurisdiction there) cannot be
      // cleared: the check fails rather than pass them unseen.
      const entities = body.data._entities;
      const unanswered = personIds.filter((_, i) => !entities[i]);
      if (unanswered.length > 0) throw new Error(`community does not answer for ${unanswered.join(', ')}: unknown there, or outside the caller's jurisdiction`);
      return entities.filter((p): p is { id: string; isCadreNearRelative: boolean } => p?.isCadreNearRelative === true).map((p) => p.id);
    },
  });
}
