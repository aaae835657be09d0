import "server-only";
import { db } from "@/lib/db";

/**
 * FAQ answers by PostgreSQL full-text search (english configuration: stemming, stop words). The message's words are
 * OR-ed into a tsquery and ranked with `ts_rank` over the question (weight A) and the answer (weight B); ts_rank of
 * an OR query divides by the number of query words, so the score says how much of the message an FAQ covers.
 * The expression is exactly the one of the GIN index `faqs_search_idx` (migration `faq_full_text_search`).
 *
 * Measured on the demo FAQs: "Is there parking?" → 0.67, "where can I park my car" → 0.33, "where is the restroom"
 * (a word of an answer only) → 0.24, "can I bring my dog to the hall" → 0.08 (a stray word of an answer). Below
 * the threshold the message goes on to the LLM or a person.
 */
export const FAQ_RELEVANCE_THRESHOLD = 0.2;

export type FaqMatch = { id: string; question: string; answer: string; rank: number };

export async function searchFaqs(organizationId: string, eventId: string, text: string, limit = 3): Promise<FaqMatch[]> {
  return db.$queryRaw<FaqMatch[]>`
    WITH q AS (
      SELECT to_tsquery('english', string_agg(quote_literal(word), ' | ')) AS query
      FROM unnest(tsvector_to_array(to_tsvector('english', ${text.slice(0, 1_000)}))) AS word
    )
    SELECT f.id, f.question, f.answer,
      ts_rank(setweight(to_tsvector('english'::regconfig, f.question), 'A') || setweight(to_tsvector('english'::regconfig, f.answer), 'B'), q.query)::float8 AS rank
    FROM faqs f, q
    WHERE q.query IS NOT NULL
      AND f."organizationId" = ${organizationId} AND f."eventId" = ${eventId}
      AND (setweight(to_tsvector('english'::regconfig, f.question), 'A') || setweight(to_tsvector('english'::regconfig, f.answer), 'B')) @@ q.query
    ORDER BY rank DESC, f.position ASC
    LIMIT ${limit}`;
}

/** The best FAQ at or above the threshold, or null. */
export async function bestFaq(organizationId: string, eventId: string, text: string, threshold = FAQ_RELEVANCE_THRESHOLD): Promise<FaqMatch | null> {
  const [best] = await searchFaqs(organizationId, eventId, text, 1);
  return best && best.rank >= threshold ? best : null;
}
