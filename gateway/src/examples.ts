/**
 * Ready example operations for the playground (GraphiQL tabs), the README and the tests.
 * Each example is one named operation (the household one needs no input; region and person take variables);
 * gateway/test/playground.test.ts runs every one through the gateway (schema/supergraph.graphql) and in GraphiQL.
 */

/**
 * First community of the demo region tree (奎文区 东关街道, 370703001001). The demo generator always
 * creates it, whatever the number of households, so the household example finds a household on any
 * demo database without knowing its id.
 */
export const DEMO_COMMUNITY_CODE = '370703001001';

/** A district of the demo region tree (奎文区); the region example lists its subdistricts. */
export const DEMO_DISTRICT_CODE = '370703';

/**
 * Placeholder for the person example: the sample number printed in GB 11643-1999 (valid check digit,
 * not a demo resident, so it answers null). The gateway may pass a real demo number instead.
 */
export const SAMPLE_ID_NUMBER = '11010519491231002X';

/** The household fields of all four programmes, shared by the playground tab and HOUSEHOLD_BY_ID. */
export const HOUSEHOLD_ACROSS_PROGRAMMES_FRAGMENT = /* GraphQL */ `fragment HouseholdAcrossProgrammes on Household {
  id
  # Community governance (社区综合治理): the household register
  householdNumber
  address
  registrationType
  size
  region { code name }
  grid { name workerName workerPhone }
  honours { kind year awardingBody }
  # Civil affairs (民政): relief enrolments of the household and its members, glory plaque
  receivesDibao
  assistanceEnrolments {
    programme
    category
    status
    memberCount
    monthlyAmount
    startDate
    endDate
  }
  gloryPlaque { issuedOn }
  # Employment (人社): zero-employment family standing
  zeroEmploymentFamily { current arose resolved }
  # Safe community (安全社区): injuries of the household's members. Needs safety:read: with the
  # playground's civil-affairs officer token it is null with FORBIDDEN (npm run token -- --role grid-worker reads all four)
  injuries { injuryDate cause intent place severity person { name } }
  members {
    relation
    since
    person {
      id
      name
      gender
      age
      idNumber
      # Civil affairs (民政): death and disability records
      deceased
      disability { category grade certificateNumber }
      # Employment (人社): employment status, employment-difficulty certification
      employmentStatus { status since }
      employmentDifficulty { certified categories }
      # Safe community (安全社区): high-risk register
      highRisk
    }
  }
}`;

/**
 * One household across all four programmes (一户家庭的全部业务信息): the first household of the demo
 * community by household number, so it needs no id. It takes no variables on purpose: GraphiQL 5
 * does not load the first tab's variables on a fresh visit, and this tab opens first.
 */
export const HOUSEHOLD_ACROSS_PROGRAMMES = /* GraphQL */ `# One household across all four programmes (一户家庭跨四个业务系统的信息).
# Takes the first household of a community by household number (按户号取社区的第一户);
# change regionCode to look elsewhere. Run with Ctrl-Enter or the ▶ button (运行).
# Runs as the token in the Headers pane (请求头): a development civil-affairs officer of 奎文区;
# fields outside that role come back null with FORBIDDEN (无权限字段返回 null).
query HouseholdAcrossProgrammes {
  households(regionCode: "${DEMO_COMMUNITY_CODE}", first: 1) {
    totalCount
    edges {
      node {
        ...HouseholdAcrossProgrammes
      }
    }
  }
}

${HOUSEHOLD_ACROSS_PROGRAMMES_FRAGMENT}
`;

/** The same household fields by household id (for the README and end-to-end tests). Variables: { id }. */
export const HOUSEHOLD_BY_ID = /* GraphQL */ `# One household by id across all four programmes (按 ID 查询一户家庭).
query HouseholdById($id: ID!) {
  household(id: $id) {
    ...HouseholdAcrossProgrammes
  }
}

${HOUSEHOLD_ACROSS_PROGRAMMES_FRAGMENT}
`;

/** A region with its parent and children (辖区及其下级). Variables: { code }. */
export const REGION_WITH_CHILDREN = /* GraphQL */ `# A region with its children (辖区及其下级区划).
# Codes: district 6 digits, subdistrict 9, community 12 (区 6 位, 街道 9 位, 社区/村 12 位).
query RegionWithChildren($code: String!) {
  region(code: $code) {
    code
    name
    level
    population
    householdCount
    parent { code name level }
    # Each programme's figures for the region (各业务系统的辖区统计)
    communityStatistics { households population floatingPopulation registrationCoverage disputes mediationSuccessRate }
    civilAffairsStatistics { urbanDibaoHouseholds ruralDibaoHouseholds spendingYearToDate cremationRate }
    employmentStatistics { workingAgePersons employed registeredUnemployed zeroEmploymentFamilies }
    safetyStatistics { year injuries injuryRatePer100k openHazards highRiskHouseholds }
    children {
      code
      name
      level
      rural
      population
      householdCount
      children { code name level rural householdCount }
    }
  }
}
`;

export const REGION_WITH_CHILDREN_VARIABLES = { code: DEMO_DISTRICT_CODE };

/** A person by citizen ID number (按公民身份号码查询居民). Variables: { idNumber }. */
export const PERSON_BY_ID_NUMBER = /* GraphQL */ `# A person by citizen ID number (按公民身份号码查询居民).
# Put a resident's 18-character ID number in the variables pane below (变量).
# A malformed number is a BAD_USER_INPUT error; an unknown one answers null (查无此人).
query PersonByIdNumber($idNumber: String!) {
  personByIdNumber(idNumber: $idNumber) {
    id
    name
    gender
    birthDate
    age
    idNumber
    phone
    ethnicity
    partyMember
    relationToHead
    household {
      householdNumber
      address
      region { code name }
    }
    tags { kind since until }
    # Civil affairs (民政)
    deceased
    disability { category grade certificateNumber issuedDate }
    assistanceEnrolments { programme status monthlyAmount startDate endDate }
    # Employment (人社)
    employmentStatus { status since }
    employmentHistory { status since until }
    employmentDifficulty { certified categories }
    insuranceEnrolments { scheme year contribution }
    # Safe community (安全社区)
    highRisk
    injuries { injuryDate cause intent place nature bodyPart severity disposition }
  }
}
`;

export function personByIdNumberVariables(idNumber: string = SAMPLE_ID_NUMBER): { idNumber: string } {
  return { idNumber };
}

export interface ExampleOperation {
  /** Operation name, also the tab's label in GraphiQL. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The playground's tabs, in order: household first (opened on load), then region, then person. */
export function exampleOperations({ idNumber }: { idNumber?: string } = {}): ExampleOperation[] {
  return [
    { name: 'HouseholdAcrossProgrammes', query: HOUSEHOLD_ACROSS_PROGRAMMES, variables: {} },
    { name: 'RegionWithChildren', query: REGION_WITH_CHILDREN, variables: REGION_WITH_CHILDREN_VARIABLES },
    { name: 'PersonByIdNumber', query: PERSON_BY_ID_NUMBER, variables: personByIdNumberVariables(idNumber) },
  ];
}
