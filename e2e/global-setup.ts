import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { E2E_SECRETS_FILE } from "./settings";

/** A fresh list of the secrets this run's journeys create (the launcher starts the server's log afresh itself). */
export default function globalSetup() {
  mkdirSync(path.dirname(E2E_SECRETS_FILE), { recursive: true });
  writeFileSync(E2E_SECRETS_FILE, "");
}
