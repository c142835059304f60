-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "employment";

-- CreateEnum
CREATE TYPE "employment"."Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "employment"."EmploymentStatus" AS ENUM ('EMPLOYED', 'FLEXIBLY_EMPLOYED', 'REGISTERED_UNEMPLOYED', 'UNEMPLOYED', 'RETIRED', 'STUDENT', 'UNABLE_TO_WORK', 'NOT_IN_LABOUR_FORCE');

-- CreateTable
CREATE TABLE "employment"."labour_force_member" (
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "gender" "employment"."Gender" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "labour_force_member_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "employment"."employment_status_period" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "status" "employment"."EmploymentStatus" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "note" TEXT,

    CONSTRAINT "employment_status_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employment"."zero_employment_episode" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "arose_on" DATE NOT NULL,
    "resolved_on" DATE,

    CONSTRAINT "zero_employment_episode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "labour_force_member_household_id_idx" ON "employment"."labour_force_member"("household_id");

-- CreateIndex
CREATE INDEX "labour_force_member_region_prefix_idx" ON "employment"."labour_force_member"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "employment_status_period_person_id_start_date_idx" ON "employment"."employment_status_period"("person_id", "start_date");

-- CreateIndex
CREATE INDEX "zero_employment_episode_household_id_arose_on_idx" ON "employment"."zero_employment_episode"("household_id", "arose_on");

-- CreateIndex
CREATE INDEX "zero_employment_episode_region_prefix_idx" ON "employment"."zero_employment_episode"("region_code" text_pattern_ops);


-- At most one current status per person and one open zero-employment episode per household.
CREATE UNIQUE INDEX "employment_status_period_current_key" ON "employment"."employment_status_period"("person_id") WHERE "end_date" IS NULL;
CREATE UNIQUE INDEX "zero_employment_episode_open_key" ON "employment"."zero_employment_episode"("household_id") WHERE "resolved_on" IS NULL;
ALTER TABLE "employment"."employment_status_period" ADD CONSTRAINT "employment_status_period_dates_check" CHECK ("end_date" IS NULL OR "end_date" >= "start_date");
ALTER TABLE "employment"."zero_employment_episode" ADD CONSTRAINT "zero_employment_episode_dates_check" CHECK ("resolved_on" IS NULL OR "resolved_on" >= "arose_on");
