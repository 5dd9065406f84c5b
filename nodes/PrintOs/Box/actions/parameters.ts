/**
 * The Box-only parameter reads (the shared ones are in shared/node/parameters.ts): IDs from pickers
 * or pasted links, copies, and the texts of a collection.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { missingParameter } from '../../shared/node/parameters';
import { checkedNumber } from '../../shared/numbers';
import { ID_IN_URL } from './descriptions';

/**
 * The ID of a resource locator, plain string values included (workflows written by hand or by an AI
 * agent often give just the ID). URL mode is resolved here rather than by n8n so that a link without
 * an ID names the item too.
 */
export function readLocatorId(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: false }) as
		| string
		| number
		| { mode?: string; value?: unknown }
		| undefined;
	let value: string;
	if (raw && typeof raw === 'object') {
		value = String(raw.value ?? '').trim();
		if (raw.mode === 'url' && value) {
			const id = new RegExp(ID_IN_URL).exec(value)?.[1];
			if (!id) {
				throw new NodeOperationError(
					context.getNode(),
					`The "${label}" link holds no Box ID [item ${itemIndex}]`,
					{ itemIndex, description: `Box IDs are 24 hexadecimal characters; got "${value}"` },
				);
			}
			return id;
		}
	} else {
		value = String(raw ?? '').trim();
	}
	if (!value) throw missingParameter(context, itemIndex, label);
	return value;
}

/** Copies as a positive whole number; PrintOS samples send numbers and numeric strings alike. */
export function readCopies(context: IExecuteFunctions, name: string, itemIndex: number, label = 'Copies'): number {
	return checkedNumber(context, context.getNodeParameter(name, itemIndex, 1), { label, min: 1, whole: true, itemIndex });
}

/** The non-empty entries of a collection of texts, trimmed, under their own names. */
export function compactTexts(values: IDataObject, names: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const name of names) {
		const value = values[name];
		if (value === undefined || value === null) continue;
		const text = String(value).trim();
		if (text) result[name] = text;
	}
	return result;
}
