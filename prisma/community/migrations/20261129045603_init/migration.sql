-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "community";

-- CreateEnum
CREATE TYPE "community"."RegionLevel" AS ENUM ('DISTRICT', 'SUBDISTRICT', 'COMMUNITY');

-- CreateEnum
CREATE TYPE "community"."RegistrationType" AS ENUM ('LOCAL_HUKOU', 'FLOATING', 'SEPARATED');

-- CreateEnum
CREATE TYPE "community"."RelationToHead" AS ENUM ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'SIBLING', 'OTHER');

-- CreateEnum
CREATE TYPE "community"."Gender" AS ENUM ('MALE', 'FEMALE');

-- CreateTable
CREATE TABLE "community"."region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "community"."RegionLevel" NOT NULL,
    "parent_code" TEXT,
    "rural" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "community"."grid" (
    "id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "worker_name" TEXT NOT NULL,
    "worker_phone" TEXT NOT NULL,

    CONSTRAINT "grid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."household" (
    "id" UUID NOT NULL,
    "household_number" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "grid_id" UUID,
    "address" TEXT NOT NULL,
    "registration_type" "community"."RegistrationType" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."person" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "community"."Gender" NOT NULL,
    "birth_date" DATE NOT NULL,
    "id_number" TEXT NOT NULL,
    "phone" TEXT,
    "ethnicity" TEXT NOT NULL DEFAULT '汉族',
    "party_member" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community"."household_membership" (
    "id" UUID NOT NULL,
    "household_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "relation" "community"."RelationToHead" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,

    CONSTRAINT "household_membership_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "region_parent_code_idx" ON "community"."region"("parent_code");

-- CreateIndex
CREATE INDEX "grid_region_code_idx" ON "community"."grid"("region_code");

-- CreateIndex
CREATE UNIQUE INDEX "household_household_number_key" ON "community"."household"("household_number");

-- CreateIndex
CREATE INDEX "household_region_prefix_idx" ON "community"."household"("region_code" text_pattern_ops, "household_number");

-- CreateIndex
CREATE UNIQUE INDEX "person_id_number_key" ON "community"."person"("id_number");

-- CreateIndex
CREATE INDEX "household_membership_household_id_idx" ON "community"."household_membership"("household_id");

-- CreateIndex
CREATE INDEX "household_membership_person_id_idx" ON "community"."household_membership"("person_id");


-- Exactly one current head per household (Prisma cannot express partial indexes).
CREATE UNIQUE INDEX "household_one_current_head" ON "community"."household_membership" ("household_id") WHERE "relation" = 'HEAD' AND "end_date" IS NULL;
-- A person belongs to at most one household at a time.
CREATE UNIQUE INDEX "person_one_current_household" ON "community"."household_membership" ("person_id") WHERE "end_date" IS NULL;
