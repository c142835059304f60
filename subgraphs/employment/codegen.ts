import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/employment.graphql',
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
          Household: '../data/models#HouseholdRef',
          Person: '../data/models#PersonRef',
          EmploymentStatusPeriod: '../data/models#StatusPeriodRow',
          ZeroEmploymentFamily: '../data/models#ZeroEmploymentView',
        },
      },
    },
  },
};

export default config;
