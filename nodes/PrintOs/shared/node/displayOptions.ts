/**
 * How operations describe themselves: the Operation selector of a resource, each operation's
 * parameters shown only for it, and the notice on operations whose PrintOS path is unconfirmed.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoint';
import { confidenceNotice } from '../../transport/endpoint';

/** Shows each property only for one resource and the given operations, keeping any conditions it already has. */
export function showOnlyFor(resource: string, operations: string[], properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: operations },
		},
	}));
}

/** An operation's description, plus the caveat of each unconfirmed path it uses. */
export function describeOperation(text: string, ...endpoints: Endpoint[]): string {
	const notices = endpoints.map(confidenceNotice).filter((notice) => notice !== '');
	return notices.length ? `${text}. ${notices.join(' ')}` : text;
}

/** A notice shown above the parameters of an operation built on an unconfirmed path; none otherwise. */
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

/** The Operation selector of one resource. */
export function operationSelector(
	resource: string,
	options: Array<INodePropertyOptions & { action: string }>,
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}
