-- CreateEnum
CREATE TYPE "civil_affairs"."StandardPeriod" AS ENUM ('MONTH', 'YEAR');

-- AlterTable
ALTER TABLE "civil_affairs"."enrolment" ADD COLUMN     "last_reviewed_on" DATE,
ADD COLUMN     "per_capita_income_fen" BIGINT;

-- CreateTable
CREATE TABLE "civil_affairs"."assistance_standard" (
    "id" UUID NOT NULL,
    "programme" "civil_affairs"."Programme" NOT NULL,
    "region_code" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "period" "civil_affairs"."StandardPeriod" NOT NULL,
    "grade" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assistance_standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."payment" (
    "id" UUID NOT NULL,
    "enrolment_id" UUID NOT NULL,
    "programme" "civil_affairs"."Programme" NOT NULL,
    "household_id" UUID,
    "person_id" UUID,
    "region_code" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "paid_on" DATE NOT NULL,
    "payroll_run_id" UUID NOT NULL,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "civil_affairs"."payroll_run" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "payments_created" INTEGER NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payroll_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "assistance_standard_programme_effective_from_idx" ON "civil_affairs"."assistance_standard"("programme", "effective_from");

-- CreateIndex
CREATE INDEX "payment_household_id_period_idx" ON "civil_affairs"."payment"("household_id", "period");

-- CreateIndex
CREATE INDEX "payment_person_id_period_idx" ON "civil_affairs"."payment"("person_id", "period");

-- CreateIndex
CREATE INDEX "payment_region_prefix_idx" ON "civil_affairs"."payment"("region_code" text_pattern_ops, "period");

-- CreateIndex
CREATE UNIQUE INDEX "payment_enrolment_id_period_key" ON "civil_affairs"."payment"("enrolment_id", "period");

-- CreateIndex
CREATE INDEX "payroll_run_period_region_code_idx" ON "civil_affairs"."payroll_run"("period", "region_code");


-- Constraints Prisma cannot express.
-- One standard per programme, region, day and grade (grade null = every grade).
CREATE UNIQUE INDEX "assistance_standard_unique_idx" ON "civil_affairs"."assistance_standard"("programme", "region_code", "effective_from", COALESCE("grade", 0));
ALTER TABLE "civil_affairs"."assistance_standard"
    ADD CONSTRAINT "assistance_standard_amount_check" CHECK ("amount_fen" >= 0),
    ADD CONSTRAINT "assistance_standard_grade_check" CHECK ("grade" IS NULL OR "grade" BETWEEN 1 AND 4);
ALTER TABLE "civil_affairs"."payment"
    ADD CONSTRAINT "payment_amount_check" CHECK ("amount_fen" >= 0),
    ADD CONSTRAINT "payment_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "civil_affairs"."payroll_run"
    ADD CONSTRAINT "payroll_run_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "civil_affairs"."enrolment"
    ADD CONSTRAINT "enrolment_income_check" CHECK ("per_capita_income_fen" IS NULL OR "per_capita_income_fen" >= 0);
