/**
 * The limits tracking reads (spec crm-limits-tracking-2026-03-dated.json; docs/hubspot-fidelity.md
 * §3): records at or near their association limit for an object pair, and custom label usage per
 * pair. Sandbox choices, written down (HubSpot documents neither):
 * - a pair's record limit is its configured object limit (the unlabeled type's), else the
 *   subscription limit of 10,000;
 * - "near" is 80% of the limit or more (the high-usage report's threshold, §10.15);
 * - at most 10 sample records per list, lowest ids first, labelled by their display property.
 */
import { customSchema } from './customObjects.js';
import { SUBSCRIPTION_LIMIT } from './limits.js';
import { type ObjectType, objectTypeLabels, resolveObjectType } from './objectTypes.js';
import type { PortalState } from './portal.js';
import type { CrmObject } from './types.js';

const NEAR = 0.8;
const SAMPLES = 10;

/** The property HubSpot shows as a record's name. */
const DISPLAY: Record<string, string> = {
  '0-1': 'email',
  '0-2': 'name',
  '0-3': 'dealname',
  '0-5': 'subject',
};

const displayName = (type: ObjectType, object: CrmObject) => {
  const property = customSchema(type.id)?.primaryDisplayProperty ?? DISPLAY[type.id];
  return (property && Object.hasOwn(object.properties, property) && object.properties[property]) || object.id;
};

const percent = (usage: number, limit: number) => Math.round((usage / limit) * 10_000) / 100;

export function recordLimitReport(state: PortalState, from: ObjectType, to: ObjectType) {
  const objectType = state.labels.defaultType(from.id, to.id)?.typeId;
  const configured = objectType === undefined ? undefined : state.limits.get(from.id, to.id, objectType);
  const limit = configured?.maxToObjectIds ?? SUBSCRIPTION_LIMIT;
  const atLimit: Array<{ label: string; objectId: number }> = [];
  const nearLimit: Array<{ label: string; objectId: number; percentage: number; usage: number }> = [];
  let totalAt = 0;
  let totalNear = 0;
  const records = [...state.objects.all(from.id)].sort((a, b) => Number(a.id) - Number(b.id));
  for (const record of records) {
    const usage = state.associations.count({ type: from, id: record.id }, to);
    if (usage >= limit) {
      totalAt++;
      if (atLimit.length < SAMPLES)
        atLimit.push({ label: displayName(from, record), objectId: Number(record.id) });
    } else if (usage >= limit * NEAR) {
      totalNear++;
      if (nearLimit.length < SAMPLES) {
        nearLimit.push({
          label: displayName(from, record),
          objectId: Number(record.id),
          percentage: percent(usage, limit),
          usage,
        });
      }
    }
  }
  return {
    limit,
    totalRecordsAtLimit: totalAt,
    totalRecordsNearLimit: totalNear,
    atLimitFromRecordSamples: atLimit,
    nearLimitFromRecordSamples: nearLimit,
  };
}

const typeDefinition = (type: ObjectType) => {
  const labels = objectTypeLabels(type);
  return { objectTypeId: type.id, singularLabel: labels.singular, pluralLabel: labels.plural };
};

/**
 * Custom label usage per object pair. With both types given: that pair, even unused; with one:
 * the labelled pairs that include it, seen from it; with none: every labelled pair, in the
 * direction its first label was created.
 */
export function labelLimitReport(state: PortalState, fromFilter?: ObjectType, toFilter?: ObjectType) {
  const { labels } = state;
  const flip = (p: { from: string; to: string }) => ({ from: p.to, to: p.from });
  const pairs =
    fromFilter && toFilter
      ? [{ from: fromFilter.id, to: toFilter.id }]
      : labels
          .customLabelPairs()
          .flatMap((p) => [p, flip(p)])
          .filter((p, i) =>
            fromFilter ? p.from === fromFilter.id : toFilter ? p.to === toFilter.id : i % 2 === 0,
          )
          // A self pair (contact↔contact) matches a filter both ways: once is enough.
          .filter((p, i, all) => all.findIndex((q) => q.from === p.from && q.to === p.to) === i);
  const results = pairs.map(({ from, to }) => {
    const usage = labels.customLabelCount(from, to);
    const allLabels = labels
      .forPair(from, to)
      .filter((d) => d.category !== 'HUBSPOT_DEFINED' && d.label !== null)
      .map((d) => d.label as string);
    return {
      fromObjectType: typeDefinition(resolveObjectType(from)),
      toObjectType: typeDefinition(resolveObjectType(to)),
      limit: labels.labelLimit,
      usage,
      percentage: percent(usage, labels.labelLimit),
      allLabels,
    };
  });
  return { results };
}
