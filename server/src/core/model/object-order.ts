import type { K8sObject, SourceFile } from './types';

/**
 * Every indexed object's place in workspace order (files in the order they were first read, then
 * documents, then objects), as a number: lists kept in this order stay equal to a fresh build's when
 * one file's objects are replaced in place.
 */
const places = new WeakMap<K8sObject, number>();

/** Numbers the objects of a file: `rank` is the file's place among files, the fraction the object's place in it. */
export function numberObjects(file: SourceFile, rank: number): void {
  let count = 0;
  for (const doc of file.documents) count += doc.objects.length;
  let ordinal = 0;
  for (const doc of file.documents) for (const object of doc.objects) places.set(object, rank + ++ordinal / (count + 1));
}

/** Objects of an index built by hand (no model numbered them) take places after every file's, in the order first seen. */
let unnumbered = Number.MAX_SAFE_INTEGER / 2;

export function placeOf(object: K8sObject): number {
  let place = places.get(object);
  if (place === undefined) {
    place = ++unnumbered;
    places.set(object, place);
  }
  return place;
}

/** Where `object` goes in a list kept in workspace order (binary search). */
export function insertionPoint(list: readonly K8sObject[], place: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (placeOf(list[middle]) < place) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts in workspace order; appends in O(1) when it comes last (as while building). */
export function insertInOrder<T extends K8sObject>(list: T[], object: T): void {
  const place = placeOf(object);
  if (list.length === 0 || placeOf(list[list.length - 1]) < place) list.push(object);
  else list.splice(insertionPoint(list, place), 0, object);
}

/** Removes from a list kept in workspace order; false when it was not there. */
export function removeInOrder<T extends K8sObject>(list: T[], object: T): boolean {
  let at = insertionPoint(list, placeOf(object));
  // Equal places (never expected) fall back to a scan from the found point.
  while (at < list.length && list[at] !== object && placeOf(list[at]) === placeOf(object)) at++;
  if (list[at] !== object) {
    const found = list.indexOf(object);
    if (found === -1) return false;
    at = found;
  }
  list.splice(at, 1);
  return true;
}

/**
 * Puts `after` where `before` stands, when both hold the same place (a file's objects numbered again
 * after an edit that kept their kinds and order): no element moves. Else removes and inserts.
 */
export function replaceInOrder<T extends K8sObject>(list: T[], before: T, after: T): void {
  const place = placeOf(before);
  if (placeOf(after) === place) {
    for (let at = insertionPoint(list, place); at < list.length && placeOf(list[at]) === place; at++) {
      if (list[at] !== before) continue;
      list[at] = after;
      return;
    }
  }
  removeInOrder(list, before);
  insertInOrder(list, after);
}
