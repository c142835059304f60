-- CreateEnum
CREATE TYPE "employment"."RegistrationKind" AS ENUM ('EMPLOYMENT', 'UNEMPLOYMENT');

-- CreateEnum
CREATE TYPE "employment"."RecordStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "employment"."DifficultyCategory" AS ENUM ('ZERO_EMPLOYMENT_FAMILY', 'DISABLED', 'DIBAO_FAMILY', 'AGE_40_50', 'LONG_TERM_UNEMPLOYED', 'LAND_LOST_FARMER', 'OTHER');

-- CreateEnum
CREATE TYPE "employment"."VisitOutcome" AS ENUM ('NEEDS_RECORDED', 'JOB_REFERRED', 'PLACED', 'DECLINED');

-- CreateEnum
CREATE TYPE "employment"."PlacementKind" AS ENUM ('PUBLIC_WELFARE_POST', 'ENTERPRISE', 'FLEXIBLE', 'SELF_EMPLOYMENT');

-- CreateEnum
CREATE TYPE "employment"."SubsidyStatus" AS ENUM ('APPLIED', 'APPROVED', 'PAID', 'REJECTED');

-- CreateEnum
CREATE TYPE "employment"."CourseKind" AS ENUM ('SKILLS', 'ENTERPRISE_SKILL_UPGRADE', 'SYB', 'ENTREPRENEURSHIP_PRACTICE');

-- CreateEnum
CREATE TYPE "employment"."EnrolmentStatus" AS ENUM ('ENROLLED', 'COMPLETED', 'DROPPED');

-- CreateEnum
CREATE TYPE "employment"."LoanStatus" AS ENUM ('APPLIED', 'APPROVED', 'DISBURSED', 'REPAID', 'DEFAULTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "employment"."BorrowerKind" AS ENUM ('INDIVIDUAL', 'SMALL_BUSINESS');

-- CreateEnum
CREATE TYPE "employment"."BaseKind" AS ENUM ('INCUBATION_BASE', 'TRAINING_BASE', 'DEMONSTRATION_SITE');

-- CreateEnum
CREATE TYPE "employment"."InsuranceScheme" AS ENUM ('RESIDENT_PENSION', 'RESIDENT_MEDICAL');

-- CreateEnum
CREATE TYPE "employment"."CertificationMethod" AS ENUM ('PAPER', 'ONLINE', 'HOME_VISIT');

-- CreateEnum
CREATE TYPE "employment"."DisputeCategory" AS ENUM ('WAGES', 'LABOUR_CONTRACT', 'SOCIAL_INSURANCE', 'WORK_INJURY', 'DISMISSAL', 'OTHER');

-- CreateEnum
CREATE TYPE "employment"."DisputeStatus" AS ENUM ('RECEIVED', 'MEDIATING', 'SETTLED', 'REFERRED_TO_ARBITRATION', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "employment"."InspectionKind" AS ENUM ('ROUTINE', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "employment"."TargetIndicator" AS ENUM ('NEW_URBAN_EMPLOYMENT', 'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED', 'DIFFICULT_PERSONS_PLACED', 'REAL_NAME_REGISTRATION', 'SKILLS_TRAINING', 'ENTERPRISE_SKILL_UPGRADE_TRAINING', 'RESIDENT_PENSION_ENROLMENT', 'RESIDENT_MEDICAL_ENROLMENT', 'PUBLICITY_ARTICLES', 'SYB_TRAINING', 'MICRO_LOAN_AMOUNT', 'ENTREPRENEURSHIP_TRAINING_BASES', 'PRACTICAL_TRAINEES', 'INFORMAL_ORGANISATIONS', 'INFORMAL_EMPLOYMENT_ABSORBED', 'INCUBATED_ENTERPRISES', 'INCUBATED_ENTERPRISE_JOBS', 'INCUBATED_ENTERPRISE_TAX', 'DEMONSTRATION_SITES', 'ENTREPRENEURSHIP_BASE_AREA', 'DEMONSTRATION_SITE_JOBS');

-- CreateTable
CREATE TABLE "employment"."employment_registration" (
    "id" UUID NOT NULL,
    "certificate_number" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" "employment"."RegistrationKind" NOT NULL,
    "status" "employment"."RecordStatus" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "employer_name" TEXT,
    "employer_credit_code" TEXT,
    "flexible" BOOLEAN NOT NULL DEFAULT false,
    "reemployment" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "employment_registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."difficulty_certification" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "certified_on" DATE NOT NULL,
    "ended_on" DATE,
    "end_reason" TEXT,
    "stated_categories" "employment"."DifficultyCategory"[],
    "note" TEXT,

    CONSTRAINT "difficulty_certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."assistance_visit" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "person_id" UUID,
    "region_code" TEXT NOT NULL,
    "campaign" TEXT NOT NULL,
    "visited_on" DATE NOT NULL,
    "visitor" TEXT NOT NULL,
    "outcome" "employment"."VisitOutcome" NOT NULL,
    "note" TEXT,

    CONSTRAINT "assistance_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."placement" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" "employment"."PlacementKind" NOT NULL,
    "employer_name" TEXT,
    "employer_credit_code" TEXT,
    "position" TEXT NOT NULL,
    "placed_on" DATE NOT NULL,
    "ended_on" DATE,
    "difficult_person" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."flexible_employment_subsidy" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "months" INTEGER NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "status" "employment"."SubsidyStatus" NOT NULL,
    "applied_on" DATE NOT NULL,
    "decided_on" DATE,
    "paid_on" DATE,
    "reject_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "flexible_employment_subsidy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."training_course" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" "employment"."CourseKind" NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "training_course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."training_enrolment" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "status" "employment"."EnrolmentStatus" NOT NULL,
    "completed_on" DATE,
    "certificate_number" TEXT,

    CONSTRAINT "training_enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."job_fair" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "held_on" DATE NOT NULL,
    "venue" TEXT NOT NULL,
    "seekers_attending" INTEGER NOT NULL,
    "intents_reached" INTEGER NOT NULL,

    CONSTRAINT "job_fair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."job_fair_employer" (
    "id" UUID NOT NULL,
    "job_fair_id" UUID NOT NULL,
    "employer_name" TEXT NOT NULL,
    "employer_credit_code" TEXT NOT NULL,
    "positions_offered" INTEGER NOT NULL,

    CONSTRAINT "job_fair_employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."micro_loan" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "borrower_kind" "employment"."BorrowerKind" NOT NULL,
    "business_name" TEXT NOT NULL,
    "business_credit_code" TEXT,
    "amount_fen" BIGINT NOT NULL,
    "status" "employment"."LoanStatus" NOT NULL,
    "applied_on" DATE NOT NULL,
    "approved_on" DATE,
    "disbursed_on" DATE,
    "closed_on" DATE,
    "reject_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "micro_loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."informal_organisation" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "credit_code" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "registered_on" DATE NOT NULL,

    CONSTRAINT "informal_organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."informal_organisation_member" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "joined_on" DATE NOT NULL,
    "left_on" DATE,

    CONSTRAINT "informal_organisation_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."entrepreneurship_base" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" "employment"."BaseKind" NOT NULL,
    "name" TEXT NOT NULL,
    "area_sqm" INTEGER NOT NULL,
    "established_on" DATE NOT NULL,
    "jobs_driven" INTEGER NOT NULL,

    CONSTRAINT "entrepreneurship_base_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."incubated_enterprise" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "credit_code" TEXT NOT NULL,
    "founder_person_id" UUID,
    "base_id" UUID,
    "incubated_on" DATE NOT NULL,
    "jobs_created" INTEGER NOT NULL,
    "annual_tax_fen" BIGINT NOT NULL,

    CONSTRAINT "incubated_enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."publicity_article" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "outlet" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "published_on" DATE NOT NULL,

    CONSTRAINT "publicity_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."insurance_enrolment" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "scheme" "employment"."InsuranceScheme" NOT NULL,
    "year" INTEGER NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "contribution_fen" BIGINT NOT NULL,

    CONSTRAINT "insurance_enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."self_management_group" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "leader_name" TEXT NOT NULL,

    CONSTRAINT "self_management_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."retiree" (
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "retired_on" DATE NOT NULL,
    "former_employer_name" TEXT NOT NULL,
    "former_employer_credit_code" TEXT,
    "group_id" UUID,
    "monthly_pension_fen" BIGINT NOT NULL,

    CONSTRAINT "retiree_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "employment"."pension_certification" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "certified_on" DATE NOT NULL,
    "method" "employment"."CertificationMethod" NOT NULL,

    CONSTRAINT "pension_certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."labour_dispute" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "applicant_person_id" UUID,
    "employer_name" TEXT NOT NULL,
    "employer_credit_code" TEXT NOT NULL,
    "category" "employment"."DisputeCategory" NOT NULL,
    "claim_fen" BIGINT,
    "received_on" DATE NOT NULL,
    "status" "employment"."DisputeStatus" NOT NULL,
    "closed_on" DATE,
    "outcome" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "labour_dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."labour_inspection" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "employer_name" TEXT NOT NULL,
    "employer_credit_code" TEXT NOT NULL,
    "kind" "employment"."InspectionKind" NOT NULL,
    "inspected_on" DATE NOT NULL,
    "inspector" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "violation_found" BOOLEAN NOT NULL,
    "resolved_on" DATE,

    CONSTRAINT "labour_inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."employment_target" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "indicator" "employment"."TargetIndicator" NOT NULL,
    "target" BIGINT NOT NULL,

    CONSTRAINT "employment_target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "employment_registration_person_id_start_date_idx" ON "employment"."employment_registration"("person_id", "start_date");

-- CreateIndex
CREATE INDEX "employment_registration_certificate_number_idx" ON "employment"."employment_registration"("certificate_number");

-- CreateIndex
CREATE INDEX "employment_registration_region_prefix_idx" ON "employment"."employment_registration"("region_code" text_pattern_ops, "start_date");

-- CreateIndex
CREATE INDEX "difficulty_certification_person_id_idx" ON "employment"."difficulty_certification"("person_id");

-- CreateIndex
CREATE INDEX "difficulty_certification_region_prefix_idx" ON "employment"."difficulty_certification"("region_code" text_pattern_ops, "certified_on");

-- CreateIndex
CREATE INDEX "assistance_visit_household_id_idx" ON "employment"."assistance_visit"("household_id");

-- CreateIndex
CREATE INDEX "assistance_visit_region_prefix_idx" ON "employment"."assistance_visit"("region_code" text_pattern_ops, "visited_on");

-- CreateIndex
CREATE INDEX "placement_person_id_idx" ON "employment"."placement"("person_id");

-- CreateIndex
CREATE INDEX "placement_region_prefix_idx" ON "employment"."placement"("region_code" text_pattern_ops, "placed_on");

-- CreateIndex
CREATE INDEX "flexible_employment_subsidy_person_id_idx" ON "employment"."flexible_employment_subsidy"("person_id");

-- CreateIndex
CREATE INDEX "flexible_subsidy_region_prefix_idx" ON "employment"."flexible_employment_subsidy"("region_code" text_pattern_ops, "period");

-- CreateIndex
CREATE INDEX "training_course_region_prefix_idx" ON "employment"."training_course"("region_code" text_pattern_ops, "starts_on");

-- CreateIndex
CREATE INDEX "training_enrolment_person_id_idx" ON "employment"."training_enrolment"("person_id");

-- CreateIndex
CREATE INDEX "training_enrolment_region_prefix_idx" ON "employment"."training_enrolment"("region_code" text_pattern_ops, "completed_on");

-- CreateIndex
CREATE UNIQUE INDEX "training_enrolment_course_id_person_id_key" ON "employment"."training_enrolment"("course_id", "person_id");

-- CreateIndex
CREATE INDEX "job_fair_region_prefix_idx" ON "employment"."job_fair"("region_code" text_pattern_ops, "held_on");

-- CreateIndex
CREATE UNIQUE INDEX "job_fair_employer_job_fair_id_employer_credit_code_key" ON "employment"."job_fair_employer"("job_fair_id", "employer_credit_code");

-- CreateIndex
CREATE INDEX "micro_loan_person_id_idx" ON "employment"."micro_loan"("person_id");

-- CreateIndex
CREATE INDEX "micro_loan_region_prefix_idx" ON "employment"."micro_loan"("region_code" text_pattern_ops, "applied_on");

-- CreateIndex
CREATE UNIQUE INDEX "informal_organisation_credit_code_key" ON "employment"."informal_organisation"("credit_code");

-- CreateIndex
CREATE INDEX "informal_organisation_region_prefix_idx" ON "employment"."informal_organisation"("region_code" text_pattern_ops, "registered_on");

-- CreateIndex
CREATE INDEX "informal_organisation_member_organisation_id_idx" ON "employment"."informal_organisation_member"("organisation_id");

-- CreateIndex
CREATE INDEX "informal_organisation_member_person_id_idx" ON "employment"."informal_organisation_member"("person_id");

-- CreateIndex
CREATE INDEX "informal_member_region_prefix_idx" ON "employment"."informal_organisation_member"("region_code" text_pattern_ops, "joined_on");

-- CreateIndex
CREATE INDEX "entrepreneurship_base_region_prefix_idx" ON "employment"."entrepreneurship_base"("region_code" text_pattern_ops, "established_on");

-- CreateIndex
CREATE UNIQUE INDEX "incubated_enterprise_credit_code_key" ON "employment"."incubated_enterprise"("credit_code");

-- CreateIndex
CREATE INDEX "incubated_enterprise_region_prefix_idx" ON "employment"."incubated_enterprise"("region_code" text_pattern_ops, "incubated_on");

-- CreateIndex
CREATE INDEX "publicity_article_region_prefix_idx" ON "employment"."publicity_article"("region_code" text_pattern_ops, "published_on");

-- CreateIndex
CREATE INDEX "insurance_enrolment_region_prefix_idx" ON "employment"."insurance_enrolment"("region_code" text_pattern_ops, "year");

-- CreateIndex
CREATE UNIQUE INDEX "insurance_enrolment_person_id_scheme_year_key" ON "employment"."insurance_enrolment"("person_id", "scheme", "year");

-- CreateIndex
CREATE INDEX "self_management_group_region_prefix_idx" ON "employment"."self_management_group"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "retiree_group_id_idx" ON "employment"."retiree"("group_id");

-- CreateIndex
CREATE INDEX "retiree_region_prefix_idx" ON "employment"."retiree"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "pension_certification_region_prefix_idx" ON "employment"."pension_certification"("region_code" text_pattern_ops, "year");

-- CreateIndex
CREATE UNIQUE INDEX "pension_certification_person_id_year_key" ON "employment"."pension_certification"("person_id", "year");

-- CreateIndex
CREATE INDEX "labour_dispute_applicant_person_id_idx" ON "employment"."labour_dispute"("applicant_person_id");

-- CreateIndex
CREATE INDEX "labour_dispute_region_prefix_idx" ON "employment"."labour_dispute"("region_code" text_pattern_ops, "received_on");

-- CreateIndex
CREATE INDEX "labour_inspection_region_prefix_idx" ON "employment"."labour_inspection"("region_code" text_pattern_ops, "inspected_on");

-- CreateIndex
CREATE UNIQUE INDEX "employment_target_region_code_year_indicator_key" ON "employment"."employment_target"("region_code", "year", "indicator");


-- One active registration of each kind and one active difficulty certification per person.
CREATE UNIQUE INDEX "employment_registration_active_key" ON "employment"."employment_registration"("person_id", "kind") WHERE "status" = 'ACTIVE';
CREATE UNIQUE INDEX "difficulty_certification_active_key" ON "employment"."difficulty_certification"("person_id") WHERE "ended_on" IS NULL;
-- A person holds one subsidy per period unless it was rejected; a loan application is open once per person.
CREATE UNIQUE INDEX "flexible_subsidy_period_key" ON "employment"."flexible_employment_subsidy"("person_id", "period") WHERE "status" <> 'REJECTED';
CREATE UNIQUE INDEX "micro_loan_open_key" ON "employment"."micro_loan"("person_id") WHERE "status" IN ('APPLIED', 'APPROVED');
CREATE UNIQUE INDEX "informal_member_current_key" ON "employment"."informal_organisation_member"("organisation_id", "person_id") WHERE "left_on" IS NULL;

ALTER TABLE "employment"."employment_registration" ADD CONSTRAINT "employment_registration_dates_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "employment"."employment_registration" ADD CONSTRAINT "employment_registration_status_check" CHECK (("status" = 'ACTIVE') = ("end_date" IS NULL));
ALTER TABLE "employment"."flexible_employment_subsidy" ADD CONSTRAINT "flexible_subsidy_amount_check" CHECK ("amount_fen" > 0 AND "months" BETWEEN 1 AND 12 AND "period" ~ '^\d{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "employment"."micro_loan" ADD CONSTRAINT "micro_loan_amount_check" CHECK ("amount_fen" > 0);
ALTER TABLE "employment"."training_course" ADD CONSTRAINT "training_course_check" CHECK ("ends_on" >= "starts_on" AND "capacity" > 0);
ALTER TABLE "employment"."job_fair" ADD CONSTRAINT "job_fair_counts_check" CHECK ("seekers_attending" >= 0 AND "intents_reached" BETWEEN 0 AND "seekers_attending");
ALTER TABLE "employment"."job_fair_employer" ADD CONSTRAINT "job_fair_employer_positions_check" CHECK ("positions_offered" > 0);
ALTER TABLE "employment"."entrepreneurship_base" ADD CONSTRAINT "entrepreneurship_base_check" CHECK ("area_sqm" >= 0 AND "jobs_driven" >= 0);
ALTER TABLE "employment"."incubated_enterprise" ADD CONSTRAINT "incubated_enterprise_check" CHECK ("jobs_created" >= 0 AND "annual_tax_fen" >= 0);
ALTER TABLE "employment"."insurance_enrolment" ADD CONSTRAINT "insurance_enrolment_contribution_check" CHECK ("contribution_fen" >= 0);
ALTER TABLE "employment"."retiree" ADD CONSTRAINT "retiree_pension_check" CHECK ("monthly_pension_fen" >= 0);
ALTER TABLE "employment"."labour_dispute" ADD CONSTRAINT "labour_dispute_claim_check" CHECK ("claim_fen" IS NULL OR "claim_fen" >= 0);
ALTER TABLE "employment"."employment_target" ADD CONSTRAINT "employment_target_check" CHECK ("target" >= 0 AND "year" BETWEEN 2000 AND 2100);
