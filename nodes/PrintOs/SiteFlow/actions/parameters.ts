/**
 * Typed, trimmed reads of the node's parameters, so a blank required value fails before any request
 * with a message that names the field and the item.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A required text parameter (resource locators give their value). */
export function requiredText(context: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "${label}" is empty`, {
			itemIndex,
			description: `Give a value for "${label}" (parameter ${name}). Nothing was sent to PrintOS.`,
		});
	}
	return value;
}

export function optionalText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

export { readLimit } from '../../shared/numbers';
