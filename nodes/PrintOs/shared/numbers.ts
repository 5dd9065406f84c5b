/**
 * Numeric parameters checked before anything is sent: an expression can hand a node "two", -3 or
 * 2.5 where a count belongs, and a NaN page size would otherwise page forever.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemSuffix } from './node/parameters';

interface NumberRule {
	label: string;
	min: number;
	/** Counts must be whole; durations may have a fraction. */
	whole: boolean;
	itemIndex?: number;
}

export function checkedNumber(context: IExecuteFunctions, raw: unknown, rule: NumberRule): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	const valid =
		typeof value === 'number' && Number.isFinite(value) && value >= rule.min && (!rule.whole || Number.isInteger(value));
	if (valid) return value;
	const kind = rule.whole ? 'a whole number' : 'a number';
	throw new NodeOperationError(
		context.getNode(),
		`The "${rule.label}" parameter must be ${kind} of at least ${rule.min}, not ${JSON.stringify(raw) ?? String(raw)}${itemSuffix(rule.itemIndex)}`,
		{ itemIndex: rule.itemIndex, description: 'Nothing was sent to PrintOS.' },
	);
}

/** Return All / Limit: `undefined` means all. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	const raw = context.getNodeParameter('limit', itemIndex, 50);
	return checkedNumber(context, raw, { label: 'Limit', min: 1, whole: true, itemIndex });
}
