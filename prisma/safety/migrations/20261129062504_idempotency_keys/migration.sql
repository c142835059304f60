-- Idempotency keys of mutations (see packages/database/src/idempotency.ts).
CREATE TABLE "safety"."idempotency_key" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("operation", "key"),
    CONSTRAINT "idempotency_key_length" CHECK (char_length("key") BETWEEN 1 AND 200)
);

