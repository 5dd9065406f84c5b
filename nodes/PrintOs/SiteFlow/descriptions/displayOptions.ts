import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoint';
import { confidenceNotice } from '../../transport/endpoint';

/** Shows each property only for one resource and its operations, keeping any conditions it already has. */
export function showOnlyFor(
	resource: string,
	operations: string[],
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: operations },
		},
	}));
}

/** An operation's description, plus the spec's caveat when its path is unconfirmed ([3P]/[INFER]). */
export function describeOperation(text: string, ...endpoints: Endpoint[]): string {
	const notices = endpoints.map(confidenceNotice).filter((notice) => notice !== '');
	return notices.length ? `${text}. ${notices.join(' ')}` : text;
}

/** A notice shown above the parameters of an operation built on an unconfirmed path. */
export function unconfirmedPathNotice(endpoint: Endpoint): INodeProperties[] {
	const notice = confidenceNotice(endpoint);
	if (!notice) return [];
	return [
		{
			displayName: `${notice} If PrintOS answers 404, your account uses another path.`,
			name: 'unconfirmedPathNotice',
			type: 'notice',
			default: '',
		},
	];
}
