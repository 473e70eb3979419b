import { resolveV3 } from "./resolve.js";
import { goTimestamp } from "./timestamp.js";
import { forEachCopiedNode, type YamlValue } from "./values.js";

/*
 * go-yaml nodes keep their scalar's text and tag until kustomize prints them through JSON, and
 * some steps work on that text: replacements and vars copy a source's text, and a scalar target
 * decodes the text it is given under its own tag (an !!int refuses `1.5`, a !!float takes it, a
 * !!timestamp refuses `hello`). Values here are what the JSON printing leaves, which loses two
 * things, kept on the side, keyed by the map or list holding the scalar:
 * - a float written with an integral value (`1.0`, `1e3`, `!!float 7`) is a plain number;
 * - a timestamp (`2001-12-14`) is its RFC 3339 string, and its own text is gone.
 * Each mark is stored with the value read and holds only while the field still holds that value,
 * so a field overwritten by other means is judged by its new value.
 */
type Container = object;
type Key = string | number;

interface Mark {
  value: YamlValue;
  /** The scalar's text, where it differs from the value's own (`0x1F`, `True`, `~`, a timestamp). */
  text?: string;
  float?: boolean;
  timestamp?: boolean;
}

const FLOAT_MARK = /[.eE]/;
const marks = new WeakMap<Container, Map<Key, Mark>>();
let recorded = false;

/** Whether a scalar typed as `value` from `text` (with `tag`, if any) was a float with an integral value. */
export function isIntegralFloat(value: YamlValue, text: string, tag: string | undefined): boolean {
  if (typeof value !== "number" || !Number.isInteger(value)) return false;
  if (tag !== undefined) return tag === "!!float";
  // Only a point or an exponent makes a float of integral value (most numbers have neither).
  return FLOAT_MARK.test(text) && resolveV3(text).t === "float";
}

/** Whether a scalar typed as `value` from `text` (with `tag`, if any) was a timestamp. */
export function isTimestamp(value: YamlValue, text: string, tag: string | undefined, plain: boolean): boolean {
  if (typeof value !== "string") return false;
  if (tag !== undefined) return tag === "!!timestamp";
  return plain && text.charCodeAt(4) === 45 && goTimestamp(text) !== undefined;
}

function mark(container: Container, key: Key, m: Mark | undefined): void {
  if (m !== undefined) {
    let keys = marks.get(container);
    if (keys === undefined) marks.set(container, (keys = new Map()));
    keys.set(key, m);
    recorded = true;
  } else if (recorded) {
    marks.get(container)?.delete(key);
  }
}

function markOf(container: Container, key: Key): Mark | undefined {
  if (!recorded) return undefined;
  const m = marks.get(container)?.get(key);
  return m !== undefined && m.value === (container as Record<Key, YamlValue>)[key] ? m : undefined;
}

/** The text a non-string value prints as when nothing else is known of it. */
function ownText(v: YamlValue): string | undefined {
  if (v === null) return "null";
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  return undefined;
}

/**
 * Records what the scalar `container[key]`, just read from `text`, loses as a value: a float tag
 * (`float`), a timestamp's text, or text other than its value's own. Nothing for most scalars.
 */
export function markScalar(container: Container, key: Key, text: string, float: boolean, timestamp: boolean): void {
  const value = (container as Record<Key, YamlValue>)[key];
  if (timestamp) {
    if (typeof value === "string") mark(container, key, { value, text, timestamp: true });
    return;
  }
  const own = ownText(value);
  if (own === undefined || (own === text && !float)) return;
  mark(container, key, { value, text: own === text ? undefined : text, float });
}

/** Records (or, with `float` false, forgets) that `container[key]`, a number, is tagged !!float. */
export function setFloatTag(container: Container, key: Key, float: boolean): void {
  const value = (container as Record<Key, YamlValue>)[key];
  mark(container, key, float && typeof value === "number" ? { value, float: true } : undefined);
}

/** Whether the number at `container[key]` is tagged !!float (any non-integral number is). */
export function hasFloatTag(container: Container, key: Key): boolean {
  const value = (container as Record<Key, YamlValue>)[key];
  if (typeof value !== "number") return false;
  if (!Number.isInteger(value)) return true;
  return markOf(container, key)?.float === true;
}

/** The text of the timestamp at `container[key]`; undefined when it holds none. */
export function timestampText(container: Container, key: Key): string | undefined {
  const m = markOf(container, key);
  return m?.timestamp ? m.text : undefined;
}

/**
 * The text the scalar at `container[key]` was written as, where its value does not tell it
 * (`0x1F`, `1.0`, `True`, `~`, a timestamp); undefined otherwise.
 */
export function writtenText(container: Container, key: Key): string | undefined {
  return markOf(container, key)?.text;
}

/** Moves the tag of `from[key]` to `to[key]`, which now holds the same value (or clears it). */
export function copyScalarTag(from: Container, to: Container, key: Key): void {
  mark(to, key, markOf(from, key));
}

/** Forgets the marks of `container`'s own fields (its values were re-read from JSON). */
export function clearScalarTags(container: Container): void {
  if (recorded) marks.delete(container);
}

/** Whether any scalar has been marked (copies need not look before then). */
export function hasScalarTags(): boolean {
  return recorded;
}

/** The marks of one map or list's own fields, onto its copy. */
export function copyScalarTagsOf(from: object, to: object): void {
  const keys = marks.get(from);
  if (keys) marks.set(to, new Map(keys));
}

/** Copies the marks of `from` (and everything under it) to `to`, a deep copy of it. */
export function copyScalarTags(from: YamlValue, to: YamlValue): void {
  if (recorded) forEachCopiedNode(from, to, copyScalarTagsOf);
}
