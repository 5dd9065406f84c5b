import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoint';
import { confidenceNotice, isUnconfirmed } from '../../transport/endpoint';

/** Shows each property only for one resource and operation, keeping any conditions it already has. */
export function showOnlyFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

/**
 * A notice at the top of an operation whose path HP never published, so nobody mistakes it for a
 * documented call. Confirmed operations get none.
 */
export function inferredPathNotice(endpoint: Endpoint): INodeProperties[] {
	if (!isUnconfirmed(endpoint)) return [];
	return [
		{
			displayName: `${confidenceNotice(endpoint)} If PrintOS answers 404, the path differs in your account; tell the package maintainers.`,
			name: 'inferredPathNotice',
			type: 'notice',
			default: '',
		},
	];
}

/** The option description of an operation: what it does, plus the inferred-path sentence if any. */
export function operationDescription(text: string, endpoint: Endpoint): string {
	const notice = confidenceNotice(endpoint);
	return notice ? `${text}. ${notice}` : text;
}
