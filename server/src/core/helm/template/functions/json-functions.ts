import { containsUnknown, isMapValue, UNKNOWN, type Value } from '../template-values';

// sprig's toJson, toPrettyJson and toRawJson as Go's encoding/json writes them: map keys sorted, <, > and
// & escaped (not in toRawJson), U+2028 and U+2029 always escaped. A value holding anything unknown is
// unknown (JSON.stringify would silently drop it), and so are numbers Go formats otherwise.

function sorted(value: Value): Value | undefined {
  if (Array.isArray(value)) {
    const items = value.map(sorted);
    return items.some((i) => i === undefined) ? undefined : (items as Value[]);
  }
  if (isMapValue(value)) {
    const out: { [key: string]: Value } = {};
    for (const key of Object.keys(value).sort()) {
      const item = sorted(value[key]);
      if (item === undefined) return undefined;
      out[key] = item;
    }
    return out;
  }
  // Go writes 1e-07 where JavaScript writes 1e-7: such numbers are not vouched for.
  if (typeof value === 'number' && value !== 0 && !Number.isInteger(value) && Math.abs(value) < 1e-6) return undefined;
  return value;
}

function goJson(value: Value, indent: number, escapeHtml: boolean): Value {
  if (containsUnknown(value)) return UNKNOWN;
  const plain = sorted(value);
  if (plain === undefined) return UNKNOWN;
  let text = JSON.stringify(plain, null, indent) ?? 'null';
  if (escapeHtml) text = text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export const JSON_FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  toJson: ([value]) => goJson(value ?? null, 0, true),
  toPrettyJson: ([value]) => goJson(value ?? null, 2, true),
  toRawJson: ([value]) => goJson(value ?? null, 0, false),
};
JSON_FUNCTIONS.mustToJson = JSON_FUNCTIONS.toJson;
JSON_FUNCTIONS.mustToPrettyJson = JSON_FUNCTIONS.toPrettyJson;
JSON_FUNCTIONS.mustToRawJson = JSON_FUNCTIONS.toRawJson;
