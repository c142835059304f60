-- CreateEnum
CREATE TYPE "community"."MembershipEndReason" AS ENUM ('LEFT', 'MOVED', 'DECEASED', 'RELATION_CHANGED');

-- CreateEnum
CREATE TYPE "community"."ResidentTagKind" AS ENUM ('ELDERLY_LIVING_ALONE', 'LEFT_BEHIND_CHILD', 'DISABLED');

-- CreateEnum
CREATE TYPE "community"."HonourKind" AS ENUM ('CIVILISED_FAMILY', 'FIVE_GOOD_FAMILY', 'SAFE_FAMILY', 'NO_DOMESTIC_VIOLENCE');

-- CreateEnum
CREATE TYPE "community"."FloatingReason" AS ENUM ('WORK', 'BUSINESS', 'STUDY', 'FAMILY', 'OTHER');

-- CreateEnum
CREATE TYPE "community"."SupervisionCategory" AS ENUM ('RELEASED_PRISONER', 'RELEASED_FROM_REEDUCATION');

-- CreateEnum
CREATE TYPE "community"."VisitMode" AS ENUM ('FACE_TO_FACE', 'PHONE');

-- CreateEnum
CREATE TYPE "community"."VisitHelp" AS ENUM ('JOB_REFERRAL', 'LIVING_ASSISTANCE', 'LEGAL_AID', 'COUNSELLING', 'SKILLS_TRAINING');

-- CreateEnum
CREATE TYPE "community"."DisputeCategory" AS ENUM ('FAMILY', 'NEIGHBOURS', 'PROPERTY_MANAGEMENT', 'LABOUR', 'LAND', 'DEBT', 'OTHER');

-- CreateEnum
CREATE TYPE "community"."DisputeSource" AS ENUM ('PATROL', 'SCREENING', 'VISIT', 'REFERRAL');

-- CreateEnum
CREATE TYPE "community"."DisputeStatus" AS ENUM ('REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED');

-- CreateEnum
CREATE TYPE "community"."PartyRole" AS ENUM ('APPLICANT', 'RESPONDENT');

-- CreateEnum
CREATE TYPE "community"."PetitionOutcome" AS ENUM ('PENDING', 'ANSWERED', 'REFERRED', 'DISPUTE_OPENED');

-- CreateEnum
CREATE TYPE "community"."OrganisationKind" AS ENUM ('SECURITY_COMMITTEE', 'MEDIATION_COMMITTEE', 'SUPERVISION_GROUP', 'PATROL_TEAM', 'SECURITY_INFORMANTS', 'LEGAL_PUBLICITY_TEAM', 'LEGAL_SERVICE_STATION');

-- CreateEnum
CREATE TYPE "community"."OrganisationRole" AS ENUM ('LEADER', 'DEPUTY', 'MEMBER');

-- CreateEnum
CREATE TYPE "community"."CadrePosition" AS ENUM ('PARTY_SECRETARY', 'DIRECTOR', 'DEPUTY_DIRECTOR', 'COMMITTEE_MEMBER', 'GOVERNANCE_DEPUTY', 'RELIEF_OFFICER');

-- CreateEnum
CREATE TYPE "community"."NearRelation" AS ENUM ('SPOUSE', 'PARENT', 'CHILD', 'SIBLING', 'GRANDPARENT', 'GRANDCHILD', 'PARENT_IN_LAW', 'CHILD_IN_LAW');

-- CreateEnum
CREATE TYPE "community"."AdmissionKind" AS ENUM ('TASK', 'REPORT_FORM');

-- CreateEnum
CREATE TYPE "community"."AdmissionStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- AlterTable
ALTER TABLE "community"."household_membership" ADD COLUMN     "end_reason" "community"."MembershipEndReason";

-- CreateTable
CREATE TABLE "community"."resident_tag" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "kind" "community"."ResidentTagKind" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "note" TEXT,

    CONSTRAINT "resident_tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."household_honour" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "kind" "community"."HonourKind" NOT NULL,
    "year" INTEGER NOT NULL,
    "awarding_body" TEXT NOT NULL,

    CONSTRAINT "household_honour_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."floating_registration" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "origin_code" TEXT NOT NULL,
    "origin_address" TEXT,
    "reason" "community"."FloatingReason" NOT NULL,
    "arrival_date" DATE NOT NULL,
    "permit_number" TEXT,
    "permit_expiry" DATE,
    "departure_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "floating_registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."supervision_file" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "category" "community"."SupervisionCategory" NOT NULL,
    "release_date" DATE NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "cadre_id" UUID NOT NULL,
    "note" TEXT,

    CONSTRAINT "supervision_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."supervision_visit" (
    "id" UUID NOT NULL,
    "file_id" UUID NOT NULL,
    "visit_date" DATE NOT NULL,
    "mode" "community"."VisitMode" NOT NULL,
    "cadre_id" UUID NOT NULL,
    "summary" TEXT NOT NULL,
    "help" "community"."VisitHelp"[] DEFAULT ARRAY[]::"community"."VisitHelp"[],

    CONSTRAINT "supervision_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."dispute" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "category" "community"."DisputeCategory" NOT NULL,
    "source" "community"."DisputeSource" NOT NULL,
    "status" "community"."DisputeStatus" NOT NULL DEFAULT 'REPORTED',
    "summary" TEXT NOT NULL,
    "reported_on" DATE NOT NULL,
    "closed_on" DATE,
    "agreement" TEXT,
    "referred_to" TEXT,
    "closing_note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."dispute_party" (
    "id" UUID NOT NULL,
    "dispute_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" "community"."PartyRole" NOT NULL,

    CONSTRAINT "dispute_party_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."mediation_session" (
    "id" UUID NOT NULL,
    "dispute_id" UUID NOT NULL,
    "session_date" DATE NOT NULL,
    "mediator" TEXT NOT NULL,
    "notes" TEXT NOT NULL,

    CONSTRAINT "mediation_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."petition_visit" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "visit_date" DATE NOT NULL,
    "visitor_person_id" UUID,
    "visitor_name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "cadre_id" UUID NOT NULL,
    "outcome" "community"."PetitionOutcome" NOT NULL DEFAULT 'PENDING',
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,

    CONSTRAINT "petition_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."governance_organisation" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "kind" "community"."OrganisationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "founded_on" DATE NOT NULL,

    CONSTRAINT "governance_organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."organisation_member" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "person_id" UUID,
    "name" TEXT NOT NULL,
    "role" "community"."OrganisationRole" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "organisation_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."patrol_log" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "patrol_date" DATE NOT NULL,
    "patrollers" INTEGER NOT NULL,
    "route" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "hazards_found" INTEGER NOT NULL DEFAULT 0,
    "reported_to_police" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "patrol_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."volunteer" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "person_id" UUID,
    "name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "skills" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."cadre" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "person_id" UUID,
    "name" TEXT NOT NULL,
    "position" "community"."CadrePosition" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "cadre_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."cadre_relative" (
    "id" UUID NOT NULL,
    "cadre_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "relation" "community"."NearRelation" NOT NULL,
    "declared_on" DATE NOT NULL,

    CONSTRAINT "cadre_relative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."work_admission" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "community"."AdmissionKind" NOT NULL,
    "requested_on" DATE NOT NULL,
    "status" "community"."AdmissionStatus" NOT NULL DEFAULT 'PENDING',
    "decided_on" DATE,
    "decided_by" TEXT,
    "refusal_reason" TEXT,
    "funding_fen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "work_admission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "resident_tag_person_id_idx" ON "community"."resident_tag"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "household_honour_household_id_kind_year_key" ON "community"."household_honour"("household_id", "kind", "year");

-- CreateIndex
CREATE INDEX "floating_registration_person_id_idx" ON "community"."floating_registration"("person_id");

-- CreateIndex
CREATE INDEX "floating_registration_region_prefix_idx" ON "community"."floating_registration"("region_code" text_pattern_ops, "arrival_date");

-- CreateIndex
CREATE UNIQUE INDEX "supervision_file_person_id_key" ON "community"."supervision_file"("person_id");

-- CreateIndex
CREATE INDEX "supervision_file_region_prefix_idx" ON "community"."supervision_file"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "supervision_visit_file_id_visit_date_idx" ON "community"."supervision_visit"("file_id", "visit_date");

-- CreateIndex
CREATE INDEX "dispute_region_prefix_idx" ON "community"."dispute"("region_code" text_pattern_ops, "reported_on");

-- CreateIndex
CREATE INDEX "dispute_party_person_id_idx" ON "community"."dispute_party"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "dispute_party_dispute_id_person_id_key" ON "community"."dispute_party"("dispute_id", "person_id");

-- CreateIndex
CREATE INDEX "mediation_session_dispute_id_idx" ON "community"."mediation_session"("dispute_id");

-- CreateIndex
CREATE INDEX "petition_visit_region_prefix_idx" ON "community"."petition_visit"("region_code" text_pattern_ops, "visit_date");

-- CreateIndex
CREATE INDEX "petition_visit_visitor_person_id_idx" ON "community"."petition_visit"("visitor_person_id");

-- CreateIndex
CREATE UNIQUE INDEX "governance_organisation_region_code_kind_key" ON "community"."governance_organisation"("region_code", "kind");

-- CreateIndex
CREATE INDEX "organisation_member_organisation_id_idx" ON "community"."organisation_member"("organisation_id");

-- CreateIndex
CREATE INDEX "patrol_log_organisation_id_patrol_date_idx" ON "community"."patrol_log"("organisation_id", "patrol_date");

-- CreateIndex
CREATE INDEX "volunteer_region_code_idx" ON "community"."volunteer"("region_code");

-- CreateIndex
CREATE INDEX "cadre_region_code_idx" ON "community"."cadre"("region_code");

-- CreateIndex
CREATE INDEX "cadre_person_id_idx" ON "community"."cadre"("person_id");

-- CreateIndex
CREATE INDEX "cadre_relative_person_id_idx" ON "community"."cadre_relative"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "cadre_relative_cadre_id_person_id_key" ON "community"."cadre_relative"("cadre_id", "person_id");

-- CreateIndex
CREATE INDEX "work_admission_region_code_status_idx" ON "community"."work_admission"("region_code", "status");


-- Rules Prisma cannot express: partial unique indexes and CHECK constraints.
-- At most one open floating registration per person.
CREATE UNIQUE INDEX "floating_registration_one_open" ON "community"."floating_registration" ("person_id") WHERE "departure_date" IS NULL;
-- A vulnerable-resident tag is held at most once at a time.
CREATE UNIQUE INDEX "resident_tag_one_current" ON "community"."resident_tag" ("person_id", "kind") WHERE "end_date" IS NULL;
ALTER TABLE "community"."resident_tag" ADD CONSTRAINT "resident_tag_dates" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "community"."floating_registration" ADD CONSTRAINT "floating_registration_dates" CHECK ("departure_date" IS NULL OR "departure_date" >= "arrival_date");
ALTER TABLE "community"."supervision_file" ADD CONSTRAINT "supervision_file_dates" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "community"."household_honour" ADD CONSTRAINT "household_honour_year" CHECK ("year" BETWEEN 1949 AND 2100);
ALTER TABLE "community"."patrol_log" ADD CONSTRAINT "patrol_log_counts" CHECK ("patrollers" > 0 AND "hazards_found" >= 0);
ALTER TABLE "community"."work_admission" ADD CONSTRAINT "work_admission_funding" CHECK ("funding_fen" >= 0);
ALTER TABLE "community"."dispute" ADD CONSTRAINT "dispute_closed" CHECK (("status" IN ('RESOLVED', 'REFERRED', 'FAILED')) = ("closed_on" IS NOT NULL));
