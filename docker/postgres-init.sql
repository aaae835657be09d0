-- Runs once, when the compose Postgres volume is first created: a second database for self-hosted Inngest.
CREATE DATABASE inngest;
