/**
 * Ready example operations for the playground (GraphiQL tabs), the README and the tests.
 * Each example is one named operation (the household one needs no input; region and person take variables);
 * gateway/test/playground.test.ts runs every one through the gateway (schema/supergraph.graphql) and in GraphiQL.
 * In development the playground runs them as a grid worker of DEMO_COMMUNITY_CODE with a purpose (the hub's
 * first user: checking a family before a visit), so every tab answers without FORBIDDEN; another role's token
 * comes from `npm run -s token -- --role <role>` (pasted into the Headers pane's Authorization).
 */

/**
 * First community of the demo region tree (奎文区 东关街道 和平社区, 370703001001). The demo generator always
 * creates it, whatever the number of households, so the household example finds a household on any
 * demo database without knowing its id. It is also the grid worker's default region, the playground's token.
 */
export const DEMO_COMMUNITY_CODE = '370703001001';

/**
 * The district of the demo community (奎文区); the region example lists its subdistricts and their communities,
 * narrowed to the caller's jurisdiction (a grid worker: its own subdistrict and community only).
 */
export const DEMO_DISTRICT_CODE = '370703';

/**
 * Placeholder for the person example: the sample number printed in GB 11643-1999 (valid check digit,
 * not a demo resident, so it answers null). The gateway may pass a real demo number instead: one of a
 * resident of DEMO_COMMUNITY_CODE, since the playground's grid worker reads anyone else as unknown (null).
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
  # Safe community (安全社区): injuries of the household's members (audited: needs safety:read and a purpose).
  # The playground's grid worker reads all four programmes; a civil-affairs officer's token has no safety:read,
  # so with it this field (and highRisk) is null with FORBIDDEN
  injuries { injuryDate cause intent place severity person { name } }
  members {
    relation
    since
    person {
      id
      name
      gender
      age
      # Masked (370703********0012) without pii:read, e.g. for the grid worker (脱敏)
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
# change regionCode to look elsewhere inside the token's region (outside it: FORBIDDEN).
# Run with Ctrl-Enter or the ▶ button (运行).
# Runs as the token in the Headers pane (请求头): in development a grid worker of 和平社区 (社区网格员,
# 370703001001) with a purpose (查询事由), so the audited fields answer; it reads all four
# programmes, ID numbers and phones masked (脱敏). Unmasked data and incomes: mint a civil-affairs officer's
# token with npm run -s token -- --role civil-affairs-officer and put it in Authorization instead;
# fields outside a role come back null with FORBIDDEN (无权限字段返回 null), e.g. that officer's injuries and highRisk.
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
# Figures and children are narrowed to the token's region (限管辖范围): the playground's grid worker sees
# 奎文区 → 东关街道 → 和平社区 only, every count that of its own community. The whole district: a district
# dashboard viewer's token (npm run -s token -- --role dashboard-viewer) sees every subdistrict and every figure.
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
# A malformed number is a BAD_USER_INPUT error; an unknown one answers null (查无此人), and so does
# one of a resident outside the token's region (the grid worker: 和平社区 370703001001).
# The grid worker gets ID number and phone masked (脱敏); tags, disability, injuries and the like are
# audited reads, answered because the Headers pane sends a purpose (查询事由). Unmasked data and
# incomes: a token from npm run -s token -- --role civil-affairs-officer (then the household tab shows the
# members' full ID numbers, to look up here; that officer's highRisk and injuries come back null with FORBIDDEN).
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
