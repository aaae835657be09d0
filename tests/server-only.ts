// Test stand-in for the `server-only` marker package (see vitest.config.mts). It has no behaviour to replace.
export {};
