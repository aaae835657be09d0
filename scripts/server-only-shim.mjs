/**
 * Lets Node scripts (launcher, seed, jobs CLI, bench) import server code that starts with `import "server-only"`.
 * That package throws unless resolved with the `react-server` condition, and running scripts under that condition
 * would also switch React to its server-components build (which refuses react-dom/server, used to render emails).
 * So scripts resolve just `server-only` to an empty module — CommonJS (tsx's output here) and ESM alike.
 * Use: node --import ./scripts/server-only-shim.mjs --import tsx <script>
 */
import { createRequire, register } from "node:module";

const EMPTY = "data:text/javascript,export%20%7B%7D";
const require = createRequire(import.meta.url);
const Module = require("node:module");
const resolveFilename = Module._resolveFilename;
const emptyCjs = require.resolve("./server-only-empty.cjs");
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? emptyCjs : resolveFilename.call(this, request, ...rest);
};

register(
  `data:text/javascript,${encodeURIComponent(
    `export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: ${JSON.stringify(EMPTY)}, shortCircuit: true } : next(specifier, context); }`,
  )}`,
);
