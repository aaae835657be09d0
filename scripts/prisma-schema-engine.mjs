#!/usr/bin/env node
/**
 * A stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it (offline).
 *
 * The Prisma CLI runs this program when PRISMA_SCHEMA_ENGINE_BINARY points at it (scripts/prisma.mjs and
 * prisma.config.ts set that only when the native binary is missing). It speaks the engine's protocol and delegates
 * every operation to Prisma's own WebAssembly build of the same engine (@prisma/schema-engine-wasm), which talks to
 * PostgreSQL through @prisma/adapter-pg. PostgreSQL only.
 *
 * Protocol, as the CLI uses it:
 *   schema-engine [--datamodels FILE]… [--datasource JSON]        JSON-RPC 2.0, one message per line on stdin/stdout
 *   schema-engine --datasource JSON cli <can-connect-to-database|create-database|drop-database>
 * Logs are JSON lines on stderr; the CLI skips the first one. Errors it understands look like
 *   {"level":"ERROR","target":"schema_engine::logger","fields":{"error_code":"P1001","message":"…"}}
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Arguments
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (arg === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
  else if (arg === "cli") cliCommand = argv[++i];
  else if (arg === "--version" || arg === "-V") cliCommand = "--version";
}

const log = (level, fields) =>
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, target: "schema_engine::logger", fields })}\n`);

// ---------------------------------------------------------------------------------------------------------------
// adapter-pg quirk: catalog queries return columns of PostgreSQL's internal "char" type (OID 18), which adapter-pg
// refuses to map, while the engine reads them as single characters. Patch the adapter's query class (in this process
// only) so such columns come back typed as Character.
const CHAR_OID = 18;
const TEXT_OID = 25;
let patched = false;
function patchCharColumns(adapter) {
  if (patched) return adapter;
  patched = true;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "queryRaw")) proto = Object.getPrototypeOf(proto);
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function queryRawWithChar(query) {
    let charColumns = [];
    const self = Object.create(this);
    self.performIO = async (q) => {
      const result = await this.performIO(q);
      charColumns = result.fields.flatMap((field, i) => (field.dataTypeID === CHAR_OID ? [i] : []));
      for (const i of charColumns) result.fields[i].dataTypeID = TEXT_OID;
      return result;
    };
    const out = await queryRaw.call(self, query);
    for (const i of charColumns) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  return adapter;
}

// ---------------------------------------------------------------------------------------------------------------
// Connections. A connectionString overrides `database` in pg, so URLs are split into discrete fields; that lets the
// shadow database reuse the same credentials with another database name.
function pgConfig(url) {
  const u = new URL(url);
  const params = u.searchParams;
  return {
    host: decodeURIComponent(params.get("host") ?? u.hostname) || "localhost",
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    ssl: ["require", "verify-ca", "verify-full"].includes(params.get("sslmode") ?? "") ? { rejectUnauthorized: params.get("sslmode") !== "require" } : undefined,
  };
}

const schemaOf = (url) => new URL(url).searchParams.get("schema") ?? undefined;

function adapterFactory(url, shadowUrl) {
  const config = pgConfig(url);
  const options = { schema: schemaOf(url) };
  const main = new PrismaPg(config, options);
  return bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => patchCharColumns(await main.connect()),
    async connectToShadowDb() {
      if (shadowUrl) return patchCharColumns(await new PrismaPg(pgConfig(shadowUrl), { schema: schemaOf(shadowUrl) }).connect());
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withAdmin(config, (client) => client.query(`CREATE DATABASE "${database}"`));
      const adapter = patchCharColumns(await new PrismaPg({ ...config, database }, options).connect());
      const dispose = adapter.dispose.bind(adapter);
      // Drop the shadow database only after its pool has closed, or PostgreSQL refuses ("being accessed").
      adapter.dispose = async () => {
        await dispose();
        await withAdmin(config, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      };
      return adapter;
    },
  });
}

async function withAdmin(config, fn, database = config.database) {
  const client = new pg.Client({ ...config, database });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The WebAssembly engine. Node 20 cannot `import` a .wasm file, so instantiate it by hand with its JS glue.
// A Rust panic reports its reason through this global (the engine fails with an unrelated TypeError without it).
let panicMessage = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (panicMessage = message) };

async function loadWasm() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const glue = await import(path.join(dir, "schema_engine_bg.js"));
  const { instance } = await WebAssembly.instantiate(readFileSync(path.join(dir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return glue;
}

// ---------------------------------------------------------------------------------------------------------------
// `cli` subcommands: exit 0 on success; on failure a P-code error line on stderr and exit 1.
const connectionError = (error) => {
  const code = error?.code;
  if (code === "3D000") return { error_code: "P1003", message: `Database does not exist: ${error.message}` };
  if (code === "28P01" || code === "28000") return { error_code: "P1000", message: `Authentication failed: ${error.message}` };
  return { error_code: "P1001", message: `Can't reach database server: ${error?.message ?? error}` };
};

async function runCli(command) {
  if (command === "--version") {
    const glue = await loadWasm();
    process.stdout.write(`schema-engine-wasm ${glue.version()}\n`);
    return 0;
  }
  log("INFO", { message: `schema-engine stand-in: ${command}` }); // the CLI skips the first stderr line
  const config = pgConfig(datasource.url);
  try {
    if (command === "can-connect-to-database") {
      await withAdmin(config, (client) => client.query("SELECT 1"));
    } else if (command === "create-database") {
      await withAdmin(config, (client) => client.query(`CREATE DATABASE "${config.database.replaceAll('"', '""')}"`), "postgres");
    } else if (command === "drop-database") {
      await withAdmin(config, (client) => client.query(`DROP DATABASE IF EXISTS "${config.database.replaceAll('"', '""')}" WITH (FORCE)`), "postgres");
    } else {
      log("ERROR", { error_code: "P1012", message: `Unknown cli command: ${command}` });
      return 1;
    }
    return 0;
  } catch (error) {
    log("ERROR", connectionError(error));
    return 1;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON-RPC mode.
async function runRpc() {
  log("INFO", { message: "schema-engine stand-in (wasm) starting" });
  const glue = await loadWasm();
  const datamodels = datamodelPaths.map((file) => [file, readFileSync(file, "utf8")]);
  let engine = null;
  const engineFor = async () => {
    if (engine) return engine;
    if (!datasource.url) throw Object.assign(new Error("No datasource URL was given to the schema engine."), { code: "P1012" });
    // The engine's own log lines are already JSON in the native engine's format: pass them through.
    const engineLog = (line) => process.stderr.write(`${String(line).trimEnd()}\n`);
    engine = await glue.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, engineLog, adapterFactory(datasource.url, datasource.shadowDatabaseUrl));
    return engine;
  };

  let nextOwnId = 1_000_000;
  const pendingPrints = new Map();
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  /** The native engine prints `migrate diff` output by asking the CLI to print it; do the same. */
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextOwnId++;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  // Quirk: the wasm engine can only reach a shadow database inside devDiagnostic/diagnoseMigrationHistory/diff.
  // evaluateDataLoss and createMigration instead read a per-instance cache that devDiagnostic fills with the schema of
  // the migrations *applied at that moment*. So before them, (re)run devDiagnostic whenever it has not run yet or
  // migrations were applied since (migrate dev applies pending ones in between), or they fail with "PostgreSQL shadow
  // DB must be provided through an external factory".
  let diagnosed = false;
  const needsDiagnostic = new Set(["evaluateDataLoss", "createMigration"]);

  const handlers = {
    getDatabaseVersion: async (params) => (await engineFor()).version(params ?? null),
    version: async (params) => (await engineFor()).version(params ?? null),
    createDatabase: async (params) => {
      const url = params?.datasource?.tag === "ConnectionString" ? params.datasource.url : datasource.url;
      const config = pgConfig(url);
      await withAdmin(config, (client) => client.query(`CREATE DATABASE "${config.database.replaceAll('"', '""')}"`), "postgres");
      return { databaseName: config.database };
    },
    diff: async (params) => {
      const result = await (await engineFor()).diff(params);
      if (result.stdout) await print(result.stdout);
      return { exitCode: result.exitCode };
    },
    devDiagnostic: async (params) => {
      const out = await (await engineFor()).devDiagnostic(params);
      diagnosed = true;
      return out;
    },
    applyMigrations: async (params) => {
      const out = await (await engineFor()).applyMigrations(params);
      if (out.appliedMigrationNames.length > 0) diagnosed = false;
      return out;
    },
  };

  const call = async (method, params) => {
    if (handlers[method]) return handlers[method](params);
    const instance = await engineFor();
    if (typeof instance[method] !== "function") throw Object.assign(new Error(`Unsupported schema engine method: ${method}`), { code: "P1012" });
    if (needsDiagnostic.has(method) && !diagnosed && params?.migrationsList) {
      await instance.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters ?? { externalTables: [], externalEnums: [] } });
      diagnosed = true;
    }
    return instance[method](params);
  };

  const toRpcError = (error) => {
    // Errors from the wasm engine carry a user-facing message and often a Prisma error code.
    if (panicMessage) return { code: 4466, message: "The schema engine panicked.", data: { is_panic: true, message: panicMessage, meta: null } };
    const message = error?.message ?? String(error);
    const code = error?.error_code ?? error?.code;
    const pCode = typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
    return { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: false, message, ...(pCode ? { error_code: pCode } : {}), meta: error?.meta ?? null } };
  };

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const inflight = new Set();
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.method === undefined && pendingPrints.has(message.id)) {
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
      return;
    }
    const task = call(message.method, message.params)
      .then((result) => send({ jsonrpc: "2.0", id: message.id, result: result ?? null }))
      .catch((error) => send({ jsonrpc: "2.0", id: message.id, error: toRpcError(error) }))
      .finally(() => inflight.delete(task));
    inflight.add(task);
  });
  lines.on("close", async () => {
    await Promise.allSettled([...inflight]);
    process.exit(0);
  });
}

if (cliCommand) runCli(cliCommand).then((code) => process.exit(code));
else
  runRpc().catch((error) => {
    log("ERROR", { message: error?.message ?? String(error) });
    process.exit(1);
  });
