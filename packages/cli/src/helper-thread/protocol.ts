import type { MessagePort } from "node:worker_threads";
import type { EncodedDocuments, YamlValue } from "@kfrender/yaml";

/** Shared counters: [messages to the build, worker done reading, print job posted, claims…]. */
export const PRODUCED = 0;
export const READ_DONE = 1;
export const JOB_POSTED = 2;
export const FIRST_CLAIM = 3;
/** Claims on planned files: 0 nobody yet, 1 the helper parses it, 2 the build parses it itself. */
export const UNCLAIMED = 0;
export const BY_HELPER = 1;
export const BY_BUILD = 2;
/** Files the helper takes on at most (the build reads any others itself). */
export const MAX_PLANNED = 1 << 15;

export interface HelperInput {
  root: string;
  restrictorNone: boolean;
  shared: SharedArrayBuffer;
  port: MessagePort;
}

/** Helper → build. */
export type HelperMessage =
  | { type: "plan"; files: string[] }
  /** `docs` absent: the build should read that file itself. */
  | { type: "file"; index: number; docs?: EncodedDocuments }
  /** `chunks` absent: printing failed, the build prints those resources itself for the error. */
  | { type: "printed"; chunks?: Uint8Array[] };

/** Build → helper: print these resources (the first part of the output). */
export interface PrintJob {
  type: "print";
  values: YamlValue[];
}
