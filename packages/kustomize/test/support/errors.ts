import { expect } from "vitest";
import { KustomizeError } from "@kfrender/kustomize";

/** The message of the KustomizeError `fn` throws (failing the test when it throws nothing else). */
export function kustomizeErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KustomizeError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}
