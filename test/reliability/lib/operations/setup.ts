/**
 * Setup through the nodes themselves (faults off), so the objects a case acts on are what a
 * workflow would have made.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Auth, NodeName, World } from '../world';
import { itemsOf, plainItems, rl, validOrder } from './fixtures';

async function setupRun(world: World, node: NodeName, auth: Auth, parameters: IDataObject, items: INodeExecutionData[]) {
	const run = await world.run(node, auth, parameters, { items });
	if (run.result.error || run.crashed) {
		throw new Error(`setup (${String(parameters.resource)} ${String(parameters.operation)}) failed: ${run.result.error?.message ?? run.crashed?.message}`);
	}
	return run.result.items.map((item) => item.json);
}

export async function makeFolders(world: World, names: string[]): Promise<string[]> {
	const made = await setupRun(world, 'box', 'printOsApi', { resource: 'folder', operation: 'create', name: '={{ $json.name }}' }, itemsOf(names.map((name) => ({ name }))));
	return made.map((folder) => String(folder._id));
}

export async function makeFiles(world: World, folderId: string, names: string[]): Promise<IDataObject[]> {
	return await setupRun(
		world,
		'box',
		'printOsApi',
		{ resource: 'file', operation: 'uploadFromUrl', folderId: rl(folderId), url: '={{ "https://artwork.example.com/" + $json.name }}', name: '={{ $json.name }}', copies: 1 },
		itemsOf(names.map((name) => ({ name }))),
	);
}

export async function makeContacts(world: World, emails: string[]): Promise<string[]> {
	const made = await setupRun(world, 'box', 'printOsApi', { resource: 'contact', operation: 'create', email: '={{ $json.email }}', name: 'Reliability' }, itemsOf(emails.map((email) => ({ email }))));
	return made.map((contact) => String(contact._id));
}

export async function submitOrders(world: World, sourceOrderIds: string[], options: { upload?: boolean } = {}): Promise<IDataObject[]> {
	return await setupRun(
		world,
		'siteFlow',
		'siteFlowApi',
		{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
		itemsOf(sourceOrderIds.map((id) => ({ order: validOrder(id, options) }))),
	);
}

/** The ID of the account's first product or SKU (the sandbox seeds both). */
export async function firstRecordId(world: World, resource: 'product' | 'sku'): Promise<string> {
	const [first] = await setupRun(world, 'siteFlow', 'siteFlowApi', { resource, operation: 'getAll', returnAll: false, limit: 1 }, plainItems(1));
	return String(first._id);
}
