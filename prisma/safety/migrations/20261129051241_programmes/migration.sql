-- CreateEnum
CREATE TYPE "safety"."TargetLevel" AS ENUM ('PROVINCIAL', 'NATIONAL');

-- CreateEnum
CREATE TYPE "safety"."PhaseKind" AS ENUM ('LAUNCH', 'MOBILISATION', 'IMPLEMENTATION', 'ACCREDITATION', 'CONTINUOUS_IMPROVEMENT');

-- CreateEnum
CREATE TYPE "safety"."WorkingGroupKind" AS ENUM ('PROMOTION_COMMITTEE', 'COMMITTEE_OFFICE', 'PUBLICITY', 'SUPERVISION', 'INJURY_SURVEILLANCE', 'TRAFFIC_SAFETY', 'FIRE_SAFETY', 'HOME_SAFETY', 'ELDERLY_SAFETY', 'CHILD_SAFETY', 'SCHOOL_SAFETY', 'WORKPLACE_SAFETY', 'VILLAGE_GROUP', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."MemberRole" AS ENUM ('LEADER', 'DEPUTY_LEADER', 'MEMBER');

-- CreateEnum
CREATE TYPE "safety"."HazardCategory" AS ENUM ('ROAD_TRAFFIC', 'FIRE', 'ELECTRICAL', 'GAS', 'BUILDING', 'WATER', 'PRODUCTION', 'PUBLIC_FACILITY', 'FOOD_DRUG', 'NATURAL_DISASTER', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."RiskLevel" AS ENUM ('LOW', 'GENERAL', 'SIGNIFICANT', 'MAJOR');

-- CreateEnum
CREATE TYPE "safety"."HazardStatus" AS ENUM ('IDENTIFIED', 'RECTIFYING', 'CLOSED');

-- CreateEnum
CREATE TYPE "safety"."HighRiskCategory" AS ENUM ('ELDERLY_LIVING_ALONE', 'ELDERLY', 'CHILDREN', 'STUDENTS', 'DISABLED', 'WORKERS', 'DRIVERS', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."ProjectStatus" AS ENUM ('PLANNED', 'ACTIVE', 'COMPLETED');

-- CreateEnum
CREATE TYPE "safety"."IndicatorDirection" AS ENUM ('LOWER_IS_BETTER', 'HIGHER_IS_BETTER');

-- CreateEnum
CREATE TYPE "safety"."ActivityKind" AS ENUM ('PUBLICITY', 'TRAINING', 'DRILL', 'INSPECTION', 'SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."EmergencyCategory" AS ENUM ('FIRE', 'FLOOD', 'EARTHQUAKE', 'ROAD_TRAFFIC', 'GAS_LEAK', 'HAZARDOUS_CHEMICALS', 'PUBLIC_HEALTH', 'SCHOOL', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."DrillRating" AS ENUM ('EXCELLENT', 'GOOD', 'ADEQUATE', 'POOR');

-- CreateEnum
CREATE TYPE "safety"."ActionSource" AS ENUM ('REVIEW', 'DRILL', 'HAZARD', 'INJURY_ANALYSIS', 'INSPECTION', 'RESIDENT_FEEDBACK', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."ActionStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "safety"."ReviewKind" AS ENUM ('ANNUAL', 'PHASE', 'PROJECT', 'ACCREDITATION');

-- AlterTable
ALTER TABLE "safety"."injury_record" ADD COLUMN     "household_id" UUID;

-- CreateTable
CREATE TABLE "safety"."programme" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "target_level" "safety"."TargetLevel" NOT NULL,
    "target_date" DATE NOT NULL,
    "previous_level_on" DATE,
    "accredited_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."programme_phase" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "phase" "safety"."PhaseKind" NOT NULL,
    "planned_start" DATE NOT NULL,
    "planned_end" DATE,
    "actual_start" DATE,
    "actual_end" DATE,
    "tasks" TEXT[],

    CONSTRAINT "programme_phase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."working_group" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "kind" "safety"."WorkingGroupKind" NOT NULL,
    "name" TEXT NOT NULL,
    "duties" TEXT NOT NULL,
    "member_units" TEXT[],

    CONSTRAINT "working_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."working_group_member" (
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "role" "safety"."MemberRole" NOT NULL,
    "person_id" UUID,

    CONSTRAINT "working_group_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."hazard" (
    "id" UUID NOT NULL,
    "programme_id" UUID,
    "region_code" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "category" "safety"."HazardCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "severity" INTEGER NOT NULL,
    "risk_level" "safety"."RiskLevel" NOT NULL,
    "responsible_unit" TEXT NOT NULL,
    "deadline" DATE NOT NULL,
    "status" "safety"."HazardStatus" NOT NULL DEFAULT 'IDENTIFIED',
    "identified_on" DATE NOT NULL,
    "rectification_started_on" DATE,
    "rectification_note" TEXT,
    "closed_on" DATE,
    "verification_note" TEXT,
    "verified_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hazard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."high_risk_group" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "category" "safety"."HighRiskCategory" NOT NULL,
    "name" TEXT NOT NULL,
    "main_risks" TEXT NOT NULL,

    CONSTRAINT "high_risk_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."high_risk_member" (
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "person_id" UUID,
    "household_id" UUID,
    "region_code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "since" DATE NOT NULL,
    "until" DATE,

    CONSTRAINT "high_risk_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."intervention_project" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "working_group_id" UUID NOT NULL,
    "high_risk_group_id" UUID,
    "name" TEXT NOT NULL,
    "target_group" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "status" "safety"."ProjectStatus" NOT NULL,

    CONSTRAINT "intervention_project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."project_indicator" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "safety"."IndicatorDirection" NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "actual" DOUBLE PRECISION,
    "measured_on" DATE,

    CONSTRAINT "project_indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."project_activity" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" "safety"."ActivityKind" NOT NULL,
    "title" TEXT NOT NULL,
    "held_on" DATE NOT NULL,
    "location" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "note" TEXT,

    CONSTRAINT "project_activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."emergency_plan" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "category" "safety"."EmergencyCategory" NOT NULL,
    "owner_unit" TEXT NOT NULL,

    CONSTRAINT "emergency_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."emergency_plan_version" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "issued_on" DATE NOT NULL,
    "approved_on" DATE,
    "approved_by" TEXT,
    "changes" TEXT NOT NULL,

    CONSTRAINT "emergency_plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."drill" (
    "id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "held_on" DATE NOT NULL,
    "location" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "participants" INTEGER NOT NULL,
    "rating" "safety"."DrillRating" NOT NULL,
    "findings" TEXT NOT NULL,

    CONSTRAINT "drill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."corrective_action" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "review_id" UUID,
    "title" TEXT NOT NULL,
    "source" "safety"."ActionSource" NOT NULL,
    "owner" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "status" "safety"."ActionStatus" NOT NULL DEFAULT 'OPEN',
    "completed_on" DATE,
    "note" TEXT,

    CONSTRAINT "corrective_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety"."review" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "kind" "safety"."ReviewKind" NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "reviewed_on" DATE NOT NULL,
    "reviewer" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,

    CONSTRAINT "review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "programme_region_code_key" ON "safety"."programme"("region_code");

-- CreateIndex
CREATE UNIQUE INDEX "programme_phase_programme_id_phase_key" ON "safety"."programme_phase"("programme_id", "phase");

-- CreateIndex
CREATE INDEX "working_group_programme_id_idx" ON "safety"."working_group"("programme_id");

-- CreateIndex
CREATE INDEX "working_group_member_group_id_idx" ON "safety"."working_group_member"("group_id");

-- CreateIndex
CREATE INDEX "hazard_region_prefix_idx" ON "safety"."hazard"("region_code" text_pattern_ops, "identified_on");

-- CreateIndex
CREATE INDEX "hazard_programme_id_idx" ON "safety"."hazard"("programme_id");

-- CreateIndex
CREATE INDEX "high_risk_group_programme_id_idx" ON "safety"."high_risk_group"("programme_id");

-- CreateIndex
CREATE INDEX "high_risk_member_group_id_idx" ON "safety"."high_risk_member"("group_id");

-- CreateIndex
CREATE INDEX "high_risk_member_person_id_idx" ON "safety"."high_risk_member"("person_id");

-- CreateIndex
CREATE INDEX "high_risk_member_household_id_idx" ON "safety"."high_risk_member"("household_id");

-- CreateIndex
CREATE INDEX "high_risk_member_region_prefix_idx" ON "safety"."high_risk_member"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "intervention_project_programme_id_idx" ON "safety"."intervention_project"("programme_id");

-- CreateIndex
CREATE INDEX "intervention_project_working_group_id_idx" ON "safety"."intervention_project"("working_group_id");

-- CreateIndex
CREATE INDEX "project_indicator_project_id_idx" ON "safety"."project_indicator"("project_id");

-- CreateIndex
CREATE INDEX "project_activity_project_id_held_on_idx" ON "safety"."project_activity"("project_id", "held_on");

-- CreateIndex
CREATE INDEX "emergency_plan_programme_id_idx" ON "safety"."emergency_plan"("programme_id");

-- CreateIndex
CREATE UNIQUE INDEX "emergency_plan_version_plan_id_version_key" ON "safety"."emergency_plan_version"("plan_id", "version");

-- CreateIndex
CREATE INDEX "drill_plan_id_held_on_idx" ON "safety"."drill"("plan_id", "held_on");

-- CreateIndex
CREATE INDEX "corrective_action_programme_id_idx" ON "safety"."corrective_action"("programme_id");

-- CreateIndex
CREATE INDEX "corrective_action_review_id_idx" ON "safety"."corrective_action"("review_id");

-- CreateIndex
CREATE INDEX "review_programme_id_reviewed_on_idx" ON "safety"."review"("programme_id", "reviewed_on");

-- CreateIndex
CREATE INDEX "injury_record_household_id_idx" ON "safety"."injury_record"("household_id");


-- Foreign keys inside the safety schema (Prisma relations are not modelled; resolvers load through DataLoaders).
ALTER TABLE "safety"."programme_phase" ADD CONSTRAINT "programme_phase_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."working_group" ADD CONSTRAINT "working_group_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."working_group_member" ADD CONSTRAINT "working_group_member_group_fkey" FOREIGN KEY ("group_id") REFERENCES "safety"."working_group"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."hazard" ADD CONSTRAINT "hazard_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE SET NULL;
ALTER TABLE "safety"."high_risk_group" ADD CONSTRAINT "high_risk_group_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."high_risk_member" ADD CONSTRAINT "high_risk_member_group_fkey" FOREIGN KEY ("group_id") REFERENCES "safety"."high_risk_group"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."intervention_project" ADD CONSTRAINT "intervention_project_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."intervention_project" ADD CONSTRAINT "intervention_project_group_fkey" FOREIGN KEY ("working_group_id") REFERENCES "safety"."working_group"("id");
ALTER TABLE "safety"."intervention_project" ADD CONSTRAINT "intervention_project_high_risk_group_fkey" FOREIGN KEY ("high_risk_group_id") REFERENCES "safety"."high_risk_group"("id") ON DELETE SET NULL;
ALTER TABLE "safety"."project_indicator" ADD CONSTRAINT "project_indicator_project_fkey" FOREIGN KEY ("project_id") REFERENCES "safety"."intervention_project"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."project_activity" ADD CONSTRAINT "project_activity_project_fkey" FOREIGN KEY ("project_id") REFERENCES "safety"."intervention_project"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."emergency_plan" ADD CONSTRAINT "emergency_plan_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."emergency_plan_version" ADD CONSTRAINT "emergency_plan_version_plan_fkey" FOREIGN KEY ("plan_id") REFERENCES "safety"."emergency_plan"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."drill" ADD CONSTRAINT "drill_plan_fkey" FOREIGN KEY ("plan_id") REFERENCES "safety"."emergency_plan"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."corrective_action" ADD CONSTRAINT "corrective_action_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;
ALTER TABLE "safety"."corrective_action" ADD CONSTRAINT "corrective_action_review_fkey" FOREIGN KEY ("review_id") REFERENCES "safety"."review"("id") ON DELETE SET NULL;
ALTER TABLE "safety"."review" ADD CONSTRAINT "review_programme_fkey" FOREIGN KEY ("programme_id") REFERENCES "safety"."programme"("id") ON DELETE CASCADE;

-- Checks the domain rules also enforce, so that no writer can store a broken record.
ALTER TABLE "safety"."programme" ADD CONSTRAINT "programme_region_code_check" CHECK ("region_code" ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$');
ALTER TABLE "safety"."programme_phase" ADD CONSTRAINT "programme_phase_dates_check" CHECK (("planned_end" IS NULL OR "planned_end" >= "planned_start") AND ("actual_end" IS NULL OR ("actual_start" IS NOT NULL AND "actual_end" >= "actual_start")));
ALTER TABLE "safety"."hazard" ADD CONSTRAINT "hazard_scale_check" CHECK ("likelihood" BETWEEN 1 AND 5 AND "severity" BETWEEN 1 AND 5);
ALTER TABLE "safety"."hazard" ADD CONSTRAINT "hazard_region_code_check" CHECK ("region_code" ~ '^[0-9]{12}$');
ALTER TABLE "safety"."hazard" ADD CONSTRAINT "hazard_workflow_check" CHECK (
  ("status" = 'IDENTIFIED' AND "rectification_started_on" IS NULL AND "closed_on" IS NULL)
  OR ("status" = 'RECTIFYING' AND "rectification_started_on" IS NOT NULL AND "closed_on" IS NULL)
  OR ("status" = 'CLOSED' AND "rectification_started_on" IS NOT NULL AND "closed_on" IS NOT NULL AND length(btrim("verification_note")) > 0));
ALTER TABLE "safety"."high_risk_member" ADD CONSTRAINT "high_risk_member_subject_check" CHECK (num_nonnulls("person_id", "household_id") = 1);
ALTER TABLE "safety"."high_risk_member" ADD CONSTRAINT "high_risk_member_dates_check" CHECK ("until" IS NULL OR "until" >= "since");
CREATE UNIQUE INDEX "high_risk_member_current_person_key" ON "safety"."high_risk_member"("group_id", "person_id") WHERE "until" IS NULL AND "person_id" IS NOT NULL;
CREATE UNIQUE INDEX "high_risk_member_current_household_key" ON "safety"."high_risk_member"("group_id", "household_id") WHERE "until" IS NULL AND "household_id" IS NOT NULL;
ALTER TABLE "safety"."project_activity" ADD CONSTRAINT "project_activity_participants_check" CHECK ("participants" >= 0);
ALTER TABLE "safety"."drill" ADD CONSTRAINT "drill_participants_check" CHECK ("participants" >= 0);
ALTER TABLE "safety"."emergency_plan_version" ADD CONSTRAINT "emergency_plan_version_check" CHECK ("version" >= 1 AND ("approved_on" IS NULL OR ("approved_on" >= "issued_on" AND "approved_by" IS NOT NULL)));
ALTER TABLE "safety"."corrective_action" ADD CONSTRAINT "corrective_action_done_check" CHECK (("status" = 'DONE') = ("completed_on" IS NOT NULL));
ALTER TABLE "safety"."review" ADD CONSTRAINT "review_period_check" CHECK ("period_to" >= "period_from");
ALTER TABLE "safety"."high_risk_member" ADD CONSTRAINT "high_risk_member_region_code_check" CHECK ("region_code" ~ '^[0-9]{12}$');
