-- Identities that last: tables that grow with traffic use `bigint` ids, so their sequences cannot
-- run out (an `integer` identity stops at 2^31 - 1, and every later insert fails).
-- `chat_messages.id` is `bigint` already; `uploads.id` becomes `bigint` here. Changing an identity
-- column's type changes its sequence's type (and maximum) with it. The API reads `bigint` as a
-- JavaScript number (shared/db/client.ts), so the ids stay JSON numbers.
-- Sessions, company profiles and products stay `integer`: they grow with conversations, not with
-- requests or messages (2^31 conversations are far off), and widening them would rewrite every
-- referencing table.
-- Harmless when applied twice: a column already `bigint` is left as it is (no rewrite).
alter table onboarding.uploads alter column id type bigint;
