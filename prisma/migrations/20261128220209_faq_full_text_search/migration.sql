-- Full-text search over FAQs for the concierge (lib/concierge/faq-search.ts). An expression index, which Prisma's
-- schema language cannot describe: the schema engine neither creates nor drops it, so `npm run db:drift` stays
-- clean. Queries must use exactly this expression for the planner to use the index.
-- The question weighs more (A) than the answer (B).
CREATE INDEX "faqs_search_idx" ON "faqs" USING GIN (
  (setweight(to_tsvector('english'::regconfig, "question"), 'A') || setweight(to_tsvector('english'::regconfig, "answer"), 'B'))
);
