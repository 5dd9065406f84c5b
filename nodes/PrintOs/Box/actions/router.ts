/**
 * Runs the chosen operation for every input item through the shared transport: one client (one
 * credential read), the Request Options' concurrency, input order, pairing and continue-on-fail.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestOptions } from '../../shared/requestOptions';
import { PrintOsClient } from '../../transport/client';
import { runItems } from '../../transport/items';
import * as contact from './contact';
import * as dashboard from './dashboard';
import * as file from './file';
import * as flow from './flow';
import * as folder from './folder';
import * as substrate from './substrate';
import type { BoxOperation } from './types';
import * as uploadUrl from './uploadUrl';

export const BOX_OPERATIONS: Record<string, Record<string, BoxOperation>> = {
	contact: contact.operations,
	dashboard: dashboard.operations,
	file: file.operations,
	flow: flow.operations,
	folder: folder.operations,
	substrate: substrate.operations,
	uploadUrl: uploadUrl.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// resource and operation take no expressions, so item 0 speaks for every item
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = BOX_OPERATIONS[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}

	const settings = readRequestOptions(this);
	const client = await PrintOsClient.create(this, 'printOsApi', settings.client);
	const items = await runItems(
		this,
		client,
		async (itemIndex) => await operation.execute.call(this, client, itemIndex),
		settings.concurrency,
	);
	return [items];
}
