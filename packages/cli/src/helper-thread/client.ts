import * as fs from "node:fs";
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import type { PreparsedFiles } from "@kfrender/kustomize";
import {
  decodeDocuments,
  type EncodedDocuments,
  parseAllDocuments,
  type ReadStats,
  stringifyAllChunks,
  type YamlValue,
} from "@kfrender/yaml";
import {
  BY_BUILD,
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

/** How long the build waits on the helper at one time before doing the work itself. */
const WAIT_LIMIT_MS = 10_000;
const SEPARATOR = new TextEncoder().encode("---\n");

type Parsed = { docs: YamlValue[]; stats: ReadStats };

/**
 * The build thread's side of the helper thread (worker.ts): resource files it parsed ahead,
 * handed to the engine as `BuildOptions.preparsed`, and the first part of the printed output.
 * Synchronous, as the engine is: it drains the helper's messages with receiveMessageOnPort and
 * sleeps on a shared counter while something it needs is being done over there — or, when it
 * can, parses an upcoming file itself meanwhile. Anything the helper fails at, the build does.
 */
export class HelperThread implements PreparsedFiles {
  private readonly shared: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private failed = false;
  private plan: Map<string, number> | undefined;
  private files: string[] | undefined;
  /** Files parsed over there, by plan index (undefined: the build reads it itself). */
  private readonly ready = new Map<number, EncodedDocuments | undefined>();
  /** Files the build thread parsed ahead itself (null: that failed, the build reads it again). */
  private readonly local = new Map<number, Parsed | null>();
  private printed: { chunks?: Uint8Array[] } | undefined;
  /** Files the build read before the helper's plan arrived. */
  private readonly readBeforePlan: string[] = [];

  constructor(root: string, restrictorNone: boolean) {
    const buffer = new SharedArrayBuffer(4 * (FIRST_CLAIM + MAX_PLANNED));
    this.shared = new Int32Array(buffer);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const input: HelperInput = { root, restrictorNone, shared: buffer, port: port2 };
    this.worker = new Worker(new URL("./helper-thread.js", import.meta.url), { workerData: input, transferList: [port2] });
    this.worker.unref();
    this.worker.on("error", () => {
      this.failed = true;
    });
  }

  /** PreparsedFiles: a planned file's documents, parsed over there or here ahead of time. */
  take(path: string): Parsed | undefined {
    if (this.failed) return undefined;
    if (!this.plan) this.drain();
    const plan = this.plan;
    if (!plan) {
      // The helper is still starting: read this one here (and keep the helper off it later).
      this.readBeforePlan.push(path);
      return undefined;
    }
    const index = plan.get(path);
    if (index === undefined) return undefined;
    plan.delete(path); // a second read of the same file gets fresh values from the build itself
    const mine = this.local.get(index);
    if (mine !== undefined) {
      this.local.delete(index);
      return mine ?? undefined;
    }
    this.drain();
    if (!this.ready.has(index)) {
      // Not parsed yet: take it over unless the helper is already on it.
      if (Atomics.compareExchange(this.shared, FIRST_CLAIM + index, UNCLAIMED, BY_BUILD) === UNCLAIMED) return undefined;
      if (!this.waitFor(() => this.ready.has(index) || undefined, index)) return undefined;
    }
    const encoded = this.ready.get(index);
    this.ready.delete(index);
    return encoded && { docs: decodeDocuments(encoded), stats: { nullListItems: encoded.nullListItems, firstDocumentIsMap: encoded.firstDocumentIsMap } };
  }

  /**
   * `stringifyAllChunks(values)`, the first part printed by the helper while this thread prints
   * the rest. An error is the one printing them all here would raise first.
   */
  stringifyAll(values: YamlValue[]): Uint8Array[] {
    if (this.failed || values.length < 2) return stringifyAllChunks(values);
    const split = Math.ceil(values.length / 2);
    const job: PrintJob = { type: "print", values: values.slice(0, split) };
    try {
      this.port.postMessage(job);
    } catch {
      return stringifyAllChunks(values); // not cloneable: print everything here
    }
    Atomics.store(this.shared, JOB_POSTED, 1);
    Atomics.notify(this.shared, JOB_POSTED);
    const rest = stringifyAllChunks(values.slice(split));
    const first = this.waitFor(() => this.printed)?.chunks ?? stringifyAllChunks(values.slice(0, split));
    return [...first, SEPARATOR, ...rest];
  }

  /** Stops the helper (whatever it still does is not needed). */
  close(): void {
    void this.worker.terminate();
  }

  /** Parses here the next planned file after `after` that nobody has claimed; false if none. */
  private parseAhead(after: number): boolean {
    const files = this.files!;
    for (let i = after + 1; i < files.length; i++) {
      if (Atomics.compareExchange(this.shared, FIRST_CLAIM + i, UNCLAIMED, BY_BUILD) !== UNCLAIMED) continue;
      let parsed: Parsed | null;
      try {
        const stats: ReadStats = { nullListItems: -1 };
        parsed = { docs: parseAllDocuments(fs.readFileSync(files[i]!, "utf8"), { file: files[i], stats }), stats };
      } catch {
        parsed = null;
      }
      this.local.set(i, parsed);
      return true;
    }
    return false;
  }

  private drain(): void {
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (!m) return;
      const msg = m.message as HelperMessage;
      if (msg.type === "plan") {
        this.files = msg.files;
        this.plan = new Map(msg.files.map((f, i) => [f, i]));
        for (const path of this.readBeforePlan) {
          const i = this.plan.get(path);
          if (i !== undefined) Atomics.compareExchange(this.shared, FIRST_CLAIM + i, UNCLAIMED, BY_BUILD);
        }
      } else if (msg.type === "file") this.ready.set(msg.index, msg.docs);
      else this.printed = { chunks: msg.chunks };
    }
  }

  /**
   * Drains messages until `found` gives something, the helper is gone, or the wait runs out.
   * While waiting for file `after`, this thread parses later files nobody has started.
   */
  private waitFor<T>(found: () => T | undefined, after = -1): T | undefined {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const seen = Atomics.load(this.shared, PRODUCED);
      this.drain();
      const v = found();
      if (v !== undefined) return v;
      if (after >= 0 && this.parseAhead(after)) continue;
      // Reading done and nothing pending there means no more files will come.
      if (this.failed || (after >= 0 && Atomics.load(this.shared, READ_DONE) === 1)) {
        this.drain();
        return found();
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        this.failed = true;
        return undefined;
      }
      Atomics.wait(this.shared, PRODUCED, seen, Math.min(left, 100));
    }
  }
}
