// Empty stand-in for `server-only` in Node scripts (see server-only-shim.mjs).
