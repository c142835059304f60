-- CreateEnum
CREATE TYPE "civil_affairs"."ApplicationStage" AS ENUM ('SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED', 'APPROVED', 'PUBLICIZED', 'ENROLLED', 'REJECTED');

-- CreateTable
CREATE TABLE "civil_affairs"."dibao_application" (
    "id" UUID NOT NULL,
    "programme" "civil_affairs"."Programme" NOT NULL,
    "household_id" UUID NOT NULL,
    "applicant_id" UUID NOT NULL,
    "member_ids" UUID[],
    "region_code" TEXT NOT NULL,
    "declared_monthly_income_fen" BIGINT NOT NULL,
    "declared_assets_fen" BIGINT NOT NULL,
    "per_capita_income_fen" BIGINT NOT NULL,
    "category" "civil_affairs"."DibaoCategory",
    "stage" "civil_affairs"."ApplicationStage" NOT NULL DEFAULT 'SUBMITTED',
    "submitted_on" DATE NOT NULL,
    "publicity_started_on" DATE,
    "rejection_reason" TEXT,
    "enrolment_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dibao_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."application_step" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "stage" "civil_affairs"."ApplicationStage" NOT NULL,
    "officer_name" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."relief_officer" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "relief_officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."officer_relative" (
    "id" UUID NOT NULL,
    "officer_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "relation" TEXT NOT NULL,

    CONSTRAINT "officer_relative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."conflict_filing" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "related_person_ids" UUID[],
    "filed_by" TEXT NOT NULL,
    "filed_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conflict_filing_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dibao_application_enrolment_id_key" ON "civil_affairs"."dibao_application"("enrolment_id");

-- CreateIndex
CREATE INDEX "dibao_application_household_id_idx" ON "civil_affairs"."dibao_application"("household_id");

-- CreateIndex
CREATE INDEX "dibao_application_region_prefix_idx" ON "civil_affairs"."dibao_application"("region_code" text_pattern_ops, "stage");

-- CreateIndex
CREATE INDEX "application_step_application_id_idx" ON "civil_affairs"."application_step"("application_id");

-- CreateIndex
CREATE INDEX "officer_relative_person_id_idx" ON "civil_affairs"."officer_relative"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "officer_relative_officer_id_person_id_key" ON "civil_affairs"."officer_relative"("officer_id", "person_id");

-- CreateIndex
CREATE UNIQUE INDEX "conflict_filing_application_id_key" ON "civil_affairs"."conflict_filing"("application_id");


-- Constraints Prisma cannot express.
ALTER TABLE "civil_affairs"."dibao_application"
    ADD CONSTRAINT "dibao_application_programme_check" CHECK ("programme" IN ('URBAN_DIBAO', 'RURAL_DIBAO')),
    ADD CONSTRAINT "dibao_application_money_check" CHECK ("declared_monthly_income_fen" >= 0 AND "declared_assets_fen" >= 0 AND "per_capita_income_fen" >= 0),
    ADD CONSTRAINT "dibao_application_members_check" CHECK (cardinality("member_ids") >= 1 AND "applicant_id" = ANY("member_ids")),
    ADD CONSTRAINT "dibao_application_rejection_check" CHECK (("stage" = 'REJECTED') = ("rejection_reason" IS NOT NULL));
-- One open application per household at a time.
CREATE UNIQUE INDEX "dibao_application_open_idx" ON "civil_affairs"."dibao_application"("household_id") WHERE "stage" NOT IN ('ENROLLED', 'REJECTED');
