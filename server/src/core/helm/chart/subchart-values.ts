import type { ChartContext } from './chart-context';
import { isMapValue, mergeValues, UNKNOWN, type Value } from '../template/template-values';

/**
 * What a parent chart decides for a subchart in its `charts/` folder, as Helm does: the subchart's values
 * are its own defaults overridden by the parent's section of its name (and the parent's `global`), and a
 * dependency whose `condition` (or `tags`) the parent's values switch off is not rendered at all.
 */
export interface SubchartView {
  values: Value;
  /** False when the parent's values switch the subchart off. */
  enabled: boolean;
}

export function subchartView(own: ChartContext, parent: ChartContext): SubchartView {
  const name = own.name;
  const parentValues = parent.root.Values;
  // Conditions are read with every subchart's defaults coalesced in, before disabled ones are removed.
  const conditionValues = parent.dependencyValues ?? parentValues;
  const declared = dependenciesOf(parent).filter((d) => d.name === name);
  // An alias renders the chart under another name (maybe several times): which section applies is not read here.
  if (declared.length > 1 || (declared.length === 1 && typeof declared[0].alias === 'string')) return { values: UNKNOWN, enabled: true };
  const dependency = declared[0];
  const section = isMapValue(parentValues) ? parentValues[name] : null;
  const override: { [key: string]: Value } = isMapValue(section) ? { ...section } : {};
  // Helm gives every subchart a `global` map (the parent's globals over its own), even when neither sets one.
  override.global = isMapValue(parentValues) && isMapValue(parentValues.global) ? parentValues.global : {};
  return { values: mergeValues(own.root.Values, override), enabled: dependency ? enabledBy(dependency, conditionValues) : true };
}

interface Dependency { name?: Value; alias?: Value; condition?: Value; tags?: Value }

function dependenciesOf(parent: ChartContext): Dependency[] {
  const chart = parent.root.Chart;
  const list = isMapValue(chart) ? chart.Dependencies : undefined;
  return Array.isArray(list) ? list.filter(isMapValue) as Dependency[] : [];
}

/**
 * Helm's rule: the first `condition` path that holds a boolean decides; otherwise the `tags`: on when any
 * listed tag is true, off when the listed tags that are set are all false; on when nothing is set.
 */
function enabledBy(dependency: Dependency, values: Value): boolean {
  if (typeof dependency.condition === 'string') {
    for (const path of dependency.condition.split(',')) {
      const value = valueAt(values, path.trim());
      if (typeof value === 'boolean') return value;
    }
  }
  const tags = isMapValue(values) && isMapValue(values.tags) ? values.tags : undefined;
  if (!tags || !Array.isArray(dependency.tags)) return true;
  const set = dependency.tags.filter((t): t is string => typeof t === 'string' && typeof tags[t] === 'boolean').map((t) => tags[t]);
  return set.length === 0 || set.some((v) => v === true);
}

function valueAt(values: Value, path: string): Value | undefined {
  let current: Value = values;
  for (const key of path.split('.')) {
    if (!isMapValue(current) || !(key in current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A subchart in a chart's `charts/` folder: its Chart.yaml name and its default values (with its own subcharts' in turn). */
export interface SubchartDefaults { name: string; defaults: Value }

/**
 * Helm's CoalesceValues for a chart with subcharts: each subchart's defaults join the chart's values under
 * the subchart's name, the chart's own section of that name winning, so that a template of the parent
 * reading `.Values.<subchart>.x` sees the subchart's default. Dependency conditions are read with every
 * subchart's defaults in (`dependencyValues`); the values templates see hold only the subcharts that stay on.
 * A dependency declared with an alias (or twice) is left as it is: which section applies is not read here.
 */
export function coalesceSubchartDefaults(values: Value, chart: Value, subcharts: SubchartDefaults[]): { values: Value; dependencyValues: Value } {
  const declared = dependenciesOf({ root: { Chart: chart } } as unknown as ChartContext);
  const plain = subcharts.filter((sub) => {
    const entries = declared.filter((d) => d.name === sub.name);
    return entries.length <= 1 && typeof entries[0]?.alias !== 'string';
  });
  const under = (subs: SubchartDefaults[]) => {
    if (subs.length === 0 || !isMapValue(values)) return values;
    return mergeValues(Object.fromEntries(subs.map((sub) => [sub.name, sub.defaults])), values);
  };
  const dependencyValues = under(plain);
  const enabled = plain.filter((sub) => {
    const dependency = declared.find((d) => d.name === sub.name);
    return !dependency || enabledBy(dependency, dependencyValues);
  });
  return { values: under(enabled), dependencyValues };
}
