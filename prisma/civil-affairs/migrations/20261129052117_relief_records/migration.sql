-- CreateEnum
CREATE TYPE "civil_affairs"."TemporaryAssistanceReason" AS ENUM ('SERIOUS_ILLNESS', 'ACCIDENT', 'DISASTER', 'SPRING_FAMINE', 'LIVING_HARDSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "civil_affairs"."SpecialCareCategory" AS ENUM ('DISABLED_SERVICEMAN', 'MARTYR_FAMILY', 'DEMOBILISED_VETERAN', 'WAR_VETERAN', 'ACTIVE_SERVICE_FAMILY', 'RETIRED_SOLDIER');

-- CreateEnum
CREATE TYPE "civil_affairs"."CondolenceOccasion" AS ENUM ('NEW_YEAR_SPRING_FESTIVAL', 'SPRING_FAMINE', 'DISABILITY_DAY', 'ARMY_DAY', 'MID_AUTUMN', 'OTHER');

-- CreateEnum
CREATE TYPE "civil_affairs"."RebuildingStatus" AS ENUM ('REPORTED', 'APPROVED', 'UNDER_CONSTRUCTION', 'COMPLETED');

-- CreateTable
CREATE TABLE "civil_affairs"."medical_assistance" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "rural" BOOLEAN NOT NULL,
    "claim_date" DATE NOT NULL,
    "diagnosis" TEXT NOT NULL,
    "total_cost_fen" BIGINT NOT NULL,
    "insurance_paid_fen" BIGINT NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "medical_assistance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."temporary_assistance" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "person_id" UUID,
    "region_code" TEXT NOT NULL,
    "granted_on" DATE NOT NULL,
    "reason" "civil_affairs"."TemporaryAssistanceReason" NOT NULL,
    "cash_fen" BIGINT NOT NULL,
    "in_kind" TEXT,
    "in_kind_value_fen" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "temporary_assistance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."care_institution" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "credit_code" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "opened_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_institution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."care_residence" (
    "id" UUID NOT NULL,
    "institution_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "admitted_on" DATE NOT NULL,
    "left_on" DATE,
    "centralised_support" BOOLEAN NOT NULL,

    CONSTRAINT "care_residence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."special_care_recipient" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "category" "civil_affairs"."SpecialCareCategory" NOT NULL,
    "registered_on" DATE NOT NULL,

    CONSTRAINT "special_care_recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."glory_plaque" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "issued_on" DATE NOT NULL,

    CONSTRAINT "glory_plaque_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."condolence" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "person_id" UUID,
    "region_code" TEXT NOT NULL,
    "occasion" "civil_affairs"."CondolenceOccasion" NOT NULL,
    "visited_on" DATE NOT NULL,
    "cash_fen" BIGINT NOT NULL,
    "vouchers_fen" BIGINT NOT NULL,
    "in_kind" TEXT,
    "in_kind_value_fen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "condolence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."house_rebuilding" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "reported_on" DATE NOT NULL,
    "collapsed_rooms" INTEGER NOT NULL,
    "cause" TEXT NOT NULL,
    "status" "civil_affairs"."RebuildingStatus" NOT NULL DEFAULT 'REPORTED',
    "subsidy_fen" BIGINT NOT NULL DEFAULT 0,
    "status_on" DATE NOT NULL,
    "completed_on" DATE,

    CONSTRAINT "house_rebuilding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "medical_assistance_person_id_idx" ON "civil_affairs"."medical_assistance"("person_id");

-- CreateIndex
CREATE INDEX "medical_assistance_region_prefix_idx" ON "civil_affairs"."medical_assistance"("region_code" text_pattern_ops, "claim_date");

-- CreateIndex
CREATE INDEX "temporary_assistance_household_id_idx" ON "civil_affairs"."temporary_assistance"("household_id");

-- CreateIndex
CREATE INDEX "temporary_assistance_region_prefix_idx" ON "civil_affairs"."temporary_assistance"("region_code" text_pattern_ops, "granted_on");

-- CreateIndex
CREATE UNIQUE INDEX "care_institution_credit_code_key" ON "civil_affairs"."care_institution"("credit_code");

-- CreateIndex
CREATE INDEX "care_institution_region_prefix_idx" ON "civil_affairs"."care_institution"("region_code" text_pattern_ops);

-- CreateIndex
CREATE INDEX "care_residence_institution_id_idx" ON "civil_affairs"."care_residence"("institution_id");

-- CreateIndex
CREATE INDEX "care_residence_person_id_idx" ON "civil_affairs"."care_residence"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "special_care_recipient_person_id_key" ON "civil_affairs"."special_care_recipient"("person_id");

-- CreateIndex
CREATE INDEX "special_care_recipient_household_id_idx" ON "civil_affairs"."special_care_recipient"("household_id");

-- CreateIndex
CREATE UNIQUE INDEX "glory_plaque_household_id_key" ON "civil_affairs"."glory_plaque"("household_id");

-- CreateIndex
CREATE INDEX "condolence_household_id_idx" ON "civil_affairs"."condolence"("household_id");

-- CreateIndex
CREATE INDEX "condolence_region_prefix_idx" ON "civil_affairs"."condolence"("region_code" text_pattern_ops, "visited_on");

-- CreateIndex
CREATE INDEX "house_rebuilding_household_id_idx" ON "civil_affairs"."house_rebuilding"("household_id");

-- CreateIndex
CREATE INDEX "house_rebuilding_region_prefix_idx" ON "civil_affairs"."house_rebuilding"("region_code" text_pattern_ops, "reported_on");


-- Constraints Prisma cannot express.
ALTER TABLE "civil_affairs"."medical_assistance"
    ADD CONSTRAINT "medical_assistance_amount_check" CHECK ("insurance_paid_fen" >= 0 AND "insurance_paid_fen" <= "total_cost_fen" AND "amount_fen" > 0 AND "amount_fen" <= "total_cost_fen" - "insurance_paid_fen");
ALTER TABLE "civil_affairs"."temporary_assistance"
    ADD CONSTRAINT "temporary_assistance_amount_check" CHECK ("cash_fen" >= 0 AND "in_kind_value_fen" >= 0 AND "cash_fen" + "in_kind_value_fen" > 0);
ALTER TABLE "civil_affairs"."care_institution"
    ADD CONSTRAINT "care_institution_capacity_check" CHECK ("capacity" >= 1);
ALTER TABLE "civil_affairs"."care_residence"
    ADD CONSTRAINT "care_residence_dates_check" CHECK ("left_on" IS NULL OR "left_on" >= "admitted_on");
-- A person lives in one institution at a time.
CREATE UNIQUE INDEX "care_residence_current_idx" ON "civil_affairs"."care_residence"("person_id") WHERE "left_on" IS NULL;
ALTER TABLE "civil_affairs"."condolence"
    ADD CONSTRAINT "condolence_amount_check" CHECK ("cash_fen" >= 0 AND "vouchers_fen" >= 0 AND "in_kind_value_fen" >= 0);
ALTER TABLE "civil_affairs"."house_rebuilding"
    ADD CONSTRAINT "house_rebuilding_rooms_check" CHECK ("collapsed_rooms" >= 1 AND "subsidy_fen" >= 0);
