import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/community.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        scalars: { Money: 'bigint', Date: 'string', DateTime: 'Date | string' },
        mappers: {
          Region: '../data/models#RegionRow',
          Grid: '../data/models#GridRow',
          Household: '../data/models#HouseholdRow',
          Person: '../data/models#PersonRow',
          HouseholdMember: '../data/models#MembershipRow',
          HouseholdConnection: '../data/models#HouseholdPage',
        },
      },
    },
  },
};

export default config;
