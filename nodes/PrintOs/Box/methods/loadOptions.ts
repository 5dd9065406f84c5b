/**
 * The Substrate and Flow pickers, filled from the account. Values are what `POST /api/partner/file`
 * takes: the substrate's name, and the flow's easy-submit name (docs/printos-api.md#box-facts).
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PrintOsClient } from '../../transport/client';
import type { Endpoint } from '../../transport/endpoint';
import { listEntries } from '../actions/lists';
import { BOX_ENDPOINTS } from '../endpoints';

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** One Box list as picker options, sorted by name. */
async function listOptions(
	context: ILoadOptionsFunctions,
	endpoint: Endpoint,
	operation: string,
	toOptions: (entries: IDataObject[]) => INodePropertyOptions[],
): Promise<INodePropertyOptions[]> {
	const client = await PrintOsClient.create(context, 'printOsApi');
	const body = await client.request({ service: 'box', endpoint, operation });
	return toOptions(listEntries(body)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getSubstrates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, BOX_ENDPOINTS.substrateList, 'Substrate: Get Many', (substrates) =>
		substrates
			.map((substrate) => text(substrate.name) || text(substrate._id))
			.filter(Boolean)
			.map((name) => ({ name, value: name })),
	);
}

export async function getFlows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listOptions(this, BOX_ENDPOINTS.flowList, 'Flow: Get Many', (flows) =>
		flows
			.filter((flow) => text(flow.name) || text(flow._id))
			.map((flow) => {
				const name = text(flow.name) || text(flow._id);
				const id = text(flow._id);
				return { name, value: name, description: id && id !== name ? `ID ${id}` : undefined };
			}),
	);
}
