/**
 * Runs the chosen operation for every input item through the shared transport: one client per
 * execution (one credential read; pacing and retries follow the Request Options), items in parallel
 * up to "Items in Parallel", input order, pairing and n8n's error modes (transport/items.ts).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PrintOsClient } from '../../transport/client';
import type { PrintOsCredentialType } from '../../transport/connection';
import { runItems } from '../../transport/items';
import { readRequestOptions } from '../requestOptions';
import type { OperationTable } from './operation';

export async function routeOperation(
	context: IExecuteFunctions,
	operations: OperationTable,
	credentialType: PrintOsCredentialType,
): Promise<INodeExecutionData[][]> {
	// resource and operation take no expressions, so item 0 speaks for every item
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}
	const settings = readRequestOptions(context);
	const client = await PrintOsClient.create(context, credentialType, settings.client);
	const output = await runItems(
		context,
		client,
		async (itemIndex) => await operation.execute.call(context, client, itemIndex),
		settings.concurrency,
	);
	return [output];
}
