/**
 * The Substrate and Flow pickers, filled from the account. Values are what `POST /api/partner/file`
 * takes: the substrate's name, and the flow's easy-submit name (docs/printos-api.md#box-facts).
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PrintOsClient } from '../../transport/client';
import { listEntries } from '../actions/lists';
import { BOX_ENDPOINTS } from '../endpoints';

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function byName(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getSubstrates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await PrintOsClient.create(this, 'printOsApi');
	const body = await client.request({
		service: 'box',
		endpoint: BOX_ENDPOINTS.substrateList,
		operation: 'Substrate: Get Many',
	});
	return byName(
		listEntries(body)
			.map((substrate: IDataObject) => text(substrate.name) || text(substrate._id))
			.filter(Boolean)
			.map((name) => ({ name, value: name })),
	);
}

export async function getFlows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await PrintOsClient.create(this, 'printOsApi');
	const body = await client.request({
		service: 'box',
		endpoint: BOX_ENDPOINTS.flowList,
		operation: 'Flow: Get Many',
	});
	return byName(
		listEntries(body)
			.filter((flow) => text(flow.name) || text(flow._id))
			.map((flow) => {
				const name = text(flow.name) || text(flow._id);
				const id = text(flow._id);
				return { name, value: name, description: id && id !== name ? `ID ${id}` : undefined };
			}),
	);
}
