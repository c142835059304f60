-- AlterTable
ALTER TABLE "civil_affairs"."dibao_application" ADD COLUMN     "members_able_to_work" INTEGER,
ADD COLUMN     "vulnerable_members" INTEGER;


-- Constraints Prisma cannot express.
ALTER TABLE "civil_affairs"."dibao_application"
    ADD CONSTRAINT "dibao_application_category_facts_check" CHECK (
        ("members_able_to_work" IS NULL OR "members_able_to_work" BETWEEN 0 AND cardinality("member_ids"))
        AND ("vulnerable_members" IS NULL OR "vulnerable_members" BETWEEN 0 AND cardinality("member_ids")));
