import type { INodeProperties } from 'n8n-workflow';

import { operationSelector, showOnlyFor } from './displayOptions';
import type { NodeOperation } from './operation';

/** One entry of a resource's Operation selector, with the operation it runs. */
export interface OperationChoice {
	name: string;
	action: string;
	description: string;
	operation: NodeOperation;
}

/**
 * A resource from its operations: the table the router looks operations up in, and the node
 * description (the Operation selector, then each operation's parameters shown only for it).
 * Choices are listed in the order given, which n8n wants alphabetical by name.
 */
export function defineResource(
	resource: string,
	defaultOperation: string,
	choices: Record<string, OperationChoice>,
): { operations: Record<string, NodeOperation>; description: INodeProperties[] } {
	const entries = Object.entries(choices);
	return {
		operations: Object.fromEntries(entries.map(([value, choice]) => [value, choice.operation])),
		description: [
			operationSelector(
				resource,
				entries.map(([value, { name, action, description }]) => ({ name, value, action, description })),
				defaultOperation,
			),
			...entries.flatMap(([value, choice]) => showOnlyFor(resource, [value], choice.operation.description)),
		],
	};
}
