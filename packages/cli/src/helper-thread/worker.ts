// The second thread of `kfrender build`. First it reads ahead: it parses the resource files the
// build is about to read (plan.ts) and hands them over as JSON, which the build thread reads far
// faster than YAML; the build claims any file it gets to first. Then, while the build transforms,
// it warms its printer on what it parsed, and prints the first part of the output when asked.
import * as fs from "node:fs";
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import { type EncodedDocuments, encodeDocuments, parseAllDocuments, type ReadStats, stringifyAllChunks, type YamlValue } from "@kfrender/yaml";
import { planResourceFiles } from "./plan.js";
import {
  BY_HELPER,
  FIRST_CLAIM,
  type HelperInput,
  type HelperMessage,
  JOB_POSTED,
  MAX_PLANNED,
  PRODUCED,
  type PrintJob,
  READ_DONE,
  UNCLAIMED,
} from "./protocol.js";

const input = workerData as HelperInput;
const shared = new Int32Array(input.shared);
/** Documents kept to warm the printer with (the build has its own copies). */
const warmUp: YamlValue[][] = [];
const WARM_UP_FILES = 64;

function post(message: HelperMessage): void {
  input.port.postMessage(message);
  Atomics.add(shared, PRODUCED, 1);
  Atomics.notify(shared, PRODUCED);
}

function parse(file: string): EncodedDocuments | undefined {
  try {
    const stats: ReadStats = { nullListItems: -1 };
    const docs = parseAllDocuments(fs.readFileSync(file, "utf8"), { file, stats });
    if (warmUp.length < WARM_UP_FILES) warmUp.push(docs);
    return encodeDocuments(docs, stats);
  } catch {
    return undefined; // the build reads it and reports the error
  }
}

function readAhead(): void {
  try {
    const files = planResourceFiles(input.root, input.restrictorNone).slice(0, MAX_PLANNED);
    post({ type: "plan", files });
    for (let i = 0; i < files.length; i++) {
      // Printing is asked for: the build has read all it needed.
      if (Atomics.load(shared, JOB_POSTED) === 1) break;
      if (Atomics.compareExchange(shared, FIRST_CLAIM + i, UNCLAIMED, BY_HELPER) !== UNCLAIMED) continue;
      post({ type: "file", index: i, docs: parse(files[i]!) });
    }
  } finally {
    Atomics.store(shared, READ_DONE, 1);
    Atomics.notify(shared, PRODUCED);
  }
}

function nextJob(): PrintJob | undefined {
  const m = receiveMessageOnPort(input.port);
  return m ? (m.message as PrintJob) : undefined;
}

function print(job: PrintJob): void {
  let chunks: Uint8Array[] | undefined;
  try {
    chunks = stringifyAllChunks(job.values);
  } catch {
    chunks = undefined;
  }
  post({ type: "printed", chunks });
}

readAhead();
// Warm the printer (its first pass runs unoptimised code) until the job comes.
let job = nextJob();
for (const docs of warmUp) {
  if (job || Atomics.load(shared, JOB_POSTED) === 1) break;
  try {
    stringifyAllChunks(docs);
  } catch {
    // only practice
  }
  job = nextJob();
}
warmUp.length = 0;
while (!job) {
  Atomics.wait(shared, JOB_POSTED, 0);
  job = nextJob();
}
print(job);
