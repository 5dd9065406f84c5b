/**
 * Reading and checking parameters before anything is sent: a blank required value fails the item
 * with a message naming the field and the item, in n8n's own `[item N]` form, and no request leaves.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** `[item N]`, as n8n's own messages end; nothing for a check that concerns no one item. */
export function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

export function missingParameter(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	hint = `Give a value for "${label}". Nothing was sent to PrintOS.`,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `The "${label}" parameter is empty${itemSuffix(itemIndex)}`, {
		itemIndex,
		description: hint,
	});
}

/** A required text parameter, trimmed (a resource locator gives its value). */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	hint?: string,
): string {
	const value = optionalText(context, name, itemIndex);
	if (value === '') throw missingParameter(context, itemIndex, label, hint);
	return value;
}

export function optionalText(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return raw === undefined || raw === null ? '' : String(raw).trim();
}
