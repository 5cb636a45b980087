-- A session's version counts the turns stored on it (`saveTurn` adds one). An AI turn waits
-- seconds for the model, so it is decided with no transaction open, on the session as read, and
-- stored only if the version is still the one read; otherwise it is decided again on the new
-- state (functions/chatbot/conversation.ts `takeTurn`). No connection or row lock is held while
-- a model answers.
alter table onboarding.chat_sessions add column if not exists version integer not null default 0;
