-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "safety";

-- CreateEnum
CREATE TYPE "safety"."Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "safety"."InjuryIntent" AS ENUM ('UNINTENTIONAL', 'SELF_HARM', 'ASSAULT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "safety"."InjuryCause" AS ENUM ('TRAFFIC', 'FALL', 'BLUNT_FORCE', 'CUT_PIERCE', 'BURN', 'DROWNING', 'POISONING', 'SUFFOCATION', 'ANIMAL', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."InjuryPlace" AS ENUM ('HOME', 'PUBLIC_RESIDENTIAL', 'SCHOOL_PUBLIC', 'ROAD', 'SPORTS_VENUE', 'INDUSTRIAL_CONSTRUCTION', 'FARM', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."InjuryActivity" AS ENUM ('WORK', 'HOUSEWORK', 'STUDY', 'SPORTS', 'LEISURE', 'VITAL_ACTIVITY', 'TRAVEL', 'WALKING', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "safety"."InjuryNature" AS ENUM ('FRACTURE', 'SPRAIN_STRAIN', 'OPEN_WOUND', 'CONTUSION_ABRASION', 'BURN', 'CONCUSSION', 'ORGAN_INJURY', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "safety"."BodyPart" AS ENUM ('HEAD', 'UPPER_LIMB', 'LOWER_LIMB', 'TRUNK', 'MULTIPLE', 'WHOLE_BODY', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "safety"."InjurySeverity" AS ENUM ('MILD', 'MODERATE', 'SEVERE');

-- CreateEnum
CREATE TYPE "safety"."InjuryDisposition" AS ENUM ('TREATED_AND_RELEASED', 'HOSPITALIZED', 'TRANSFERRED', 'DIED', 'OTHER');

-- CreateEnum
CREATE TYPE "safety"."ReportingUnitType" AS ENUM ('HOSPITAL', 'CLINIC', 'TRAFFIC_POLICE', 'POLICE_STATION', 'SCHOOL', 'VILLAGE', 'CIVIL_AFFAIRS_OFFICE', 'OTHER');

-- CreateTable
CREATE TABLE "safety"."injury_record" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "person_id" UUID,
    "injury_date" DATE NOT NULL,
    "age" INTEGER NOT NULL,
    "sex" "safety"."Gender" NOT NULL,
    "intent" "safety"."InjuryIntent" NOT NULL,
    "cause" "safety"."InjuryCause" NOT NULL,
    "place" "safety"."InjuryPlace" NOT NULL,
    "activity" "safety"."InjuryActivity" NOT NULL,
    "nature" "safety"."InjuryNature" NOT NULL,
    "body_part" "safety"."BodyPart" NOT NULL,
    "severity" "safety"."InjurySeverity" NOT NULL,
    "disposition" "safety"."InjuryDisposition" NOT NULL,
    "reporting_unit_type" "safety"."ReportingUnitType" NOT NULL,
    "reporting_unit_name" TEXT NOT NULL,
    "summary" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "injury_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "injury_record_person_id_idx" ON "safety"."injury_record"("person_id");

-- CreateIndex
CREATE INDEX "injury_record_region_prefix_idx" ON "safety"."injury_record"("region_code" text_pattern_ops, "injury_date");


-- Checks Prisma cannot express: ages on the report card are 0–120, a region is a 12-digit community code.
ALTER TABLE "safety"."injury_record" ADD CONSTRAINT "injury_record_age_check" CHECK ("age" BETWEEN 0 AND 120);
ALTER TABLE "safety"."injury_record" ADD CONSTRAINT "injury_record_region_code_check" CHECK ("region_code" ~ '^[0-9]{12}$');
