import { benchPipeline } from "./bench-pipeline";
import { demoPipeline } from "./demo-pipeline";

/** Every function the app serves. One function per file; add new ones here. */
export const functions = [demoPipeline, benchPipeline];
