-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "civil_affairs";

-- CreateEnum
CREATE TYPE "civil_affairs"."Programme" AS ENUM ('URBAN_DIBAO', 'RURAL_DIBAO', 'TEKUN_DISPERSED', 'TEKUN_CENTRALISED', 'SEVERE_DISABILITY_SUBSIDY', 'MENTAL_DISABILITY_MEDICATION', 'ORPHAN_BASIC_LIVING');

-- CreateEnum
CREATE TYPE "civil_affairs"."DibaoCategory" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "civil_affairs"."EnrolmentStatus" AS ENUM ('IN_PAYMENT', 'SUSPENDED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "civil_affairs"."TerminationReason" AS ENUM ('DECEASED', 'INCOME_ABOVE_STANDARD', 'MOVED_AWAY', 'REVIEW_FAILED', 'ADMITTED_TO_INSTITUTION', 'WITHDRAWN', 'OTHER');

-- CreateEnum
CREATE TYPE "civil_affairs"."DisabilityCategory" AS ENUM ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE');

-- CreateEnum
CREATE TYPE "civil_affairs"."FuneralType" AS ENUM ('CREMATED', 'BURIED');

-- CreateTable
CREATE TABLE "civil_affairs"."enrolment" (
    "id" UUID NOT NULL,
    "programme" "civil_affairs"."Programme" NOT NULL,
    "household_id" UUID,
    "person_id" UUID,
    "region_code" TEXT NOT NULL,
    "category" "civil_affairs"."DibaoCategory",
    "member_count" INTEGER NOT NULL DEFAULT 1,
    "monthly_amount_fen" BIGINT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "status" "civil_affairs"."EnrolmentStatus" NOT NULL DEFAULT 'IN_PAYMENT',
    "termination_reason" "civil_affairs"."TerminationReason",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."disability_record" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "category" "civil_affairs"."DisabilityCategory" NOT NULL,
    "grade" INTEGER NOT NULL,
    "certificate_number" TEXT NOT NULL,
    "issued_date" DATE NOT NULL,

    CONSTRAINT "disability_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."death_record" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "date_of_death" DATE NOT NULL,
    "funeral_type" "civil_affairs"."FuneralType" NOT NULL,
    "funeral_date" DATE,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "death_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "enrolment_household_id_idx" ON "civil_affairs"."enrolment"("household_id");

-- CreateIndex
CREATE INDEX "enrolment_person_id_idx" ON "civil_affairs"."enrolment"("person_id");

-- CreateIndex
CREATE INDEX "enrolment_region_prefix_idx" ON "civil_affairs"."enrolment"("region_code" text_pattern_ops, "programme");

-- CreateIndex
CREATE UNIQUE INDEX "disability_record_person_id_key" ON "civil_affairs"."disability_record"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "disability_record_certificate_number_key" ON "civil_affairs"."disability_record"("certificate_number");

-- CreateIndex
CREATE INDEX "disability_record_region_prefix_idx" ON "civil_affairs"."disability_record"("region_code" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "death_record_person_id_key" ON "civil_affairs"."death_record"("person_id");

-- CreateIndex
CREATE INDEX "death_record_region_prefix_idx" ON "civil_affairs"."death_record"("region_code" text_pattern_ops, "date_of_death");


-- Constraints Prisma cannot express.
ALTER TABLE "civil_affairs"."enrolment"
    ADD CONSTRAINT "enrolment_beneficiary_check" CHECK ("household_id" IS NOT NULL OR "person_id" IS NOT NULL),
    ADD CONSTRAINT "enrolment_amount_check" CHECK ("monthly_amount_fen" >= 0),
    ADD CONSTRAINT "enrolment_members_check" CHECK ("member_count" >= 1),
    ADD CONSTRAINT "enrolment_dates_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date" - 1),
    ADD CONSTRAINT "enrolment_termination_check" CHECK (("status" = 'TERMINATED') = ("termination_reason" IS NOT NULL));
ALTER TABLE "civil_affairs"."disability_record"
    ADD CONSTRAINT "disability_record_grade_check" CHECK ("grade" BETWEEN 1 AND 4);
