/**
 * Every operation of the Box and Site Flow nodes, as rows of the fault matrix: how to prepare
 * `count` input items for it (creating whatever it acts on, with faults off), how the transport
 * treats its first request when PrintOS fails it, and how to count its effects in the sandbox
 * (objects created, commands processed, orders) so that duplicates and lost items show.
 *
 * Parameters read per-item values through expressions (`={{ $json.… }}`), the way workflows feed
 * IDs from a previous node, so every item acts on its own object.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestEntry } from '../../../sandbox';
import type { Json } from '../../../sandbox/types';
import { DESTINATION, SOURCE_ACCOUNT, type Auth, type NodeName, type World } from './world';

/**
 * How the transport treats the operation's first request when PrintOS fails it:
 * - `retried`: GET, PUT, DELETE and Validate: 429, 5xx and lost connections are retried;
 * - `once`: creating POSTs: only 429 is retried; a 5xx fails the item, a lost connection too (the
 *   outcome is unknown, and the message says so);
 * - `lookup`: Order Submit: like `once`, but a lost connection is resolved by looking the order up.
 */
export type FirstRequest = 'retried' | 'once' | 'lookup';

/** What an item leaves behind in PrintOS. `none` for reads and idempotent writes. */
export type EffectKind = 'none' | 'object' | 'command' | 'order';

export interface Prepared {
	parameters: IDataObject;
	items: INodeExecutionData[];
	/** Per item: what identifies its effect (a name, an e-mail, a sourceOrderId, a request path). */
	keys: string[];
}

export interface OperationSpec {
	/** e.g. `box.folder.create`, `siteFlow.order.get [gateway]`. */
	id: string;
	label: string;
	node: NodeName;
	auth: Auth;
	first: FirstRequest;
	effect: EffectKind;
	/** The operation PUTs bytes to presigned upload URLs (upload faults apply). */
	uploads?: boolean;
	prepare(world: World, count: number, tag: string): Promise<Prepared>;
	/** Effects per item (same order as `keys`), counted after the run. */
	effects?(world: World, prepared: Prepared, requests: RequestEntry[]): number[];
}

export function rl(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

export const itemsOf = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

/** Bytes that start like a PDF, distinct per seed. */
export function pdfBytes(seed: string, size = 2048): Buffer {
	const head = `%PDF-1.4\n% ${seed}\n`;
	return Buffer.from(`${head}${seed.repeat(Math.ceil(size / Math.max(1, seed.length)))}`.slice(0, Math.max(size, head.length)), 'latin1');
}

export function binaryItem(json: IDataObject, bytes: Buffer, fileName: string, mimeType = 'application/pdf', property = 'data'): INodeExecutionData {
	return {
		json,
		binary: { [property]: { data: bytes.toString('base64'), mimeType, fileName, fileSize: String(bytes.length) } },
	};
}

/** A complete order the sandbox accepts. With `upload`, the artwork is a file name to upload later. */
export function validOrder(sourceOrderId: string, options: { upload?: boolean } = {}): IDataObject {
	return {
		destination: { name: DESTINATION },
		orderData: {
			sourceOrderId,
			customerName: 'Reliability',
			items: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: 'Business Cards',
					quantity: 1,
					shipmentIndex: 0,
					components: [
						options.upload
							? { code: 'Content', path: 'card.pdf', fetch: false }
							: { code: 'Content', path: 'https://example.com/artwork/card.pdf', fetch: true },
					],
				},
			],
			shipments: [
				{
					shipTo: { name: 'Ada Lovelace', address1: '1 Print Street', town: 'London', postcode: 'N1 9GU', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Setup through the nodes themselves (faults off), so the objects are what a workflow would have.

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

const range = (count: number) => Array.from({ length: count }, (_, index) => index);
const names = (tag: string, count: number, suffix = '') => range(count).map((index) => `${tag}-${index}${suffix}`);

// ---------------------------------------------------------------------------------------------
// Effects

function objectsNamed(world: World, store: 'folders' | 'boxFiles' | 'contacts', field: string, prepared: Prepared): number[] {
	const all = [...world.sandbox.core.store[store].values()] as Json[];
	return prepared.keys.map((key) => all.filter((entry) => entry[field] === key).length);
}

/** Orders of the source account with this sourceOrderId, plus what the order service refused for it. */
export function ordersFor(world: World, sourceOrderId: string): { orders: number; submissionErrors: number } {
	const store = world.sandbox.core.store;
	const orders = store.orders.filter((order: Json) => order.source?.name === SOURCE_ACCOUNT && String(order.orderData?.sourceOrderId) === sourceOrderId).length;
	const submissionErrors = store.submissionErrors.filter((entry) => entry.sourceOrderId === sourceOrderId).length;
	return { orders, submissionErrors };
}

const orderEffects = (world: World, prepared: Prepared) =>
	prepared.keys.map((key) => {
		const { orders, submissionErrors } = ordersFor(world, key);
		return orders + submissionErrors;
	});

/** Processed (answered 2xx by the sandbox, whether or not the client got the answer) POSTs per item path. */
const processedPosts = (_world: World, prepared: Prepared, requests: RequestEntry[]) =>
	prepared.keys.map((path) => requests.filter((entry) => entry.method === 'POST' && entry.path === path && entry.status >= 200 && entry.status < 300).length);

// ---------------------------------------------------------------------------------------------
// Box

const BOX_AUTH: Auth = 'printOsApi';

function boxOp(spec: Omit<OperationSpec, 'node' | 'auth' | 'id' | 'label'> & { resource: string; operation: string; title: string }): OperationSpec {
	const { resource, operation, title, ...rest } = spec;
	return { id: `box.${resource}.${operation}`, label: `Box › ${title}`, node: 'box', auth: BOX_AUTH, ...rest };
}

async function filesForItems(world: World, tag: string, count: number, extension = 'jpg') {
	const [folderId] = await makeFolders(world, [`${tag}-folder`]);
	return await makeFiles(world, folderId, names(tag, count, `.${extension}`));
}

function fileCommand(operation: string, title: string, pathSuffix: string, extra: IDataObject = {}): OperationSpec {
	return boxOp({
		resource: 'file',
		operation,
		title,
		first: 'once',
		effect: 'command',
		async prepare(world, count, tag) {
			const files = await filesForItems(world, tag, count);
			return {
				parameters: { resource: 'file', operation, fileId: rl('={{ $json.fileId }}'), ...extra },
				items: itemsOf(files.map((file) => ({ fileId: file._id, versionId: (file.versions as IDataObject[] | undefined)?.[0]?._id ?? file.currentVersionId }))),
				keys: files.map((file) => `/box/api/partner/file/${String(file._id)}${pathSuffix}`),
			};
		},
		effects: processedPosts,
	});
}

export const BOX_OPERATIONS: OperationSpec[] = [
	boxOp({
		resource: 'contact',
		operation: 'create',
		title: 'Contact: Create',
		first: 'once',
		effect: 'object',
		async prepare(_world, count, tag) {
			const emails = names(tag, count, '@reliability.example');
			return { parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}', name: 'Reliability' }, items: itemsOf(emails.map((email) => ({ email }))), keys: emails };
		},
		effects: (world, prepared) => objectsNamed(world, 'contacts', 'email', prepared),
	}),
	boxOp({
		resource: 'contact',
		operation: 'delete',
		title: 'Contact: Delete',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = await makeContacts(world, names(tag, count, '@delete.example'));
			return { parameters: { resource: 'contact', operation: 'delete', contactId: rl('={{ $json.contactId }}') }, items: itemsOf(ids.map((contactId) => ({ contactId }))), keys: ids };
		},
	}),
	boxOp({
		resource: 'contact',
		operation: 'getMany',
		title: 'Contact: Get Many',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count) {
			return { parameters: { resource: 'contact', operation: 'getMany', returnAll: true }, items: itemsOf(range(count).map((index) => ({ index }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'dashboard',
		operation: 'get',
		title: 'Dashboard: Get',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count) {
			return { parameters: { resource: 'dashboard', operation: 'get' }, items: itemsOf(range(count).map((index) => ({ index }))), keys: [] };
		},
	}),
	fileCommand('convertToPdf', 'File: Convert Image to PDF', '/convert'),
	boxOp({
		resource: 'file',
		operation: 'delete',
		title: 'File: Delete',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const files = await filesForItems(world, tag, count);
			return { parameters: { resource: 'file', operation: 'delete', fileId: rl('={{ $json.fileId }}') }, items: itemsOf(files.map((file) => ({ fileId: file._id }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'file',
		operation: 'get',
		title: 'File: Get',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const files = await filesForItems(world, tag, count);
			return { parameters: { resource: 'file', operation: 'get', fileId: rl('={{ $json.fileId }}') }, items: itemsOf(files.map((file) => ({ fileId: file._id }))), keys: [] };
		},
	}),
	fileCommand('preflight', 'File: Request Preflight', '/preflight'),
	fileCommand('revertToOriginal', 'File: Revert to Original Image', '/revert'),
	boxOp({
		resource: 'file',
		operation: 'revertToVersion',
		title: 'File: Revert to a Previous Version',
		first: 'once',
		effect: 'command',
		async prepare(world, count, tag) {
			const files = await filesForItems(world, tag, count);
			const rows = files.map((file) => ({ fileId: String(file._id), versionId: String((file.versions as IDataObject[])[0]._id) }));
			return {
				parameters: { resource: 'file', operation: 'revertToVersion', fileId: rl('={{ $json.fileId }}'), versionId: '={{ $json.versionId }}' },
				items: itemsOf(rows),
				keys: rows.map((row) => `/box/api/partner/file/${row.fileId}/version/${row.versionId}/revert`),
			};
		},
		effects: processedPosts,
	}),
	fileCommand('sendToDevice', 'File: Send to Device', '/send', { deviceId: 'press-1' }),
	boxOp({
		resource: 'file',
		operation: 'update',
		title: 'File: Update',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const files = await filesForItems(world, tag, count);
			return {
				parameters: { resource: 'file', operation: 'update', fileId: rl('={{ $json.fileId }}'), updateFields: { notes: 'updated by the reliability suite', copies: 2 } },
				items: itemsOf(files.map((file) => ({ fileId: file._id }))),
				keys: [],
			};
		},
	}),
	boxOp({
		resource: 'file',
		operation: 'uploadBinary',
		title: 'File: Upload Binary',
		first: 'retried',
		uploads: true,
		effect: 'object',
		async prepare(world, count, tag) {
			const [folderId] = await makeFolders(world, [`${tag}-folder`]);
			const fileNames = names(tag, count, '.pdf');
			return {
				parameters: { resource: 'file', operation: 'uploadBinary', folderId: rl(folderId), binaryPropertyName: 'data', name: '', copies: 1 },
				items: fileNames.map((name) => binaryItem({ name }, pdfBytes(name), name)),
				keys: fileNames,
			};
		},
		effects: (world, prepared) => objectsNamed(world, 'boxFiles', 'name', prepared),
	}),
	boxOp({
		resource: 'file',
		operation: 'uploadFromUrl',
		title: 'File: Upload from URL',
		first: 'once',
		effect: 'object',
		async prepare(world, count, tag) {
			const [folderId] = await makeFolders(world, [`${tag}-folder`]);
			const fileNames = names(tag, count, '.pdf');
			return {
				parameters: {
					resource: 'file',
					operation: 'uploadFromUrl',
					folderId: rl(folderId),
					url: '={{ "https://artwork.example.com/" + $json.name }}',
					name: '={{ $json.name }}',
					copies: 1,
				},
				items: itemsOf(fileNames.map((name) => ({ name }))),
				keys: fileNames,
			};
		},
		effects: (world, prepared) => objectsNamed(world, 'boxFiles', 'name', prepared),
	}),
	boxOp({
		resource: 'flow',
		operation: 'getMany',
		title: 'Flow: Get Many',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count) {
			return { parameters: { resource: 'flow', operation: 'getMany', returnAll: true }, items: itemsOf(range(count).map((index) => ({ index }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'folder',
		operation: 'create',
		title: 'Folder: Create',
		first: 'once',
		effect: 'object',
		async prepare(_world, count, tag) {
			const folderNames = names(tag, count);
			return { parameters: { resource: 'folder', operation: 'create', name: '={{ $json.name }}' }, items: itemsOf(folderNames.map((name) => ({ name }))), keys: folderNames };
		},
		effects: (world, prepared) => objectsNamed(world, 'folders', 'name', prepared),
	}),
	boxOp({
		resource: 'folder',
		operation: 'delete',
		title: 'Folder: Delete',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = await makeFolders(world, names(tag, count));
			return { parameters: { resource: 'folder', operation: 'delete', folderId: rl('={{ $json.folderId }}') }, items: itemsOf(ids.map((folderId) => ({ folderId }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'folder',
		operation: 'get',
		title: 'Folder: Get',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = await makeFolders(world, names(tag, count));
			return { parameters: { resource: 'folder', operation: 'get', folderId: rl('={{ $json.folderId }}') }, items: itemsOf(ids.map((folderId) => ({ folderId }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'substrate',
		operation: 'getMany',
		title: 'Substrate: Get Many',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count) {
			return { parameters: { resource: 'substrate', operation: 'getMany', returnAll: true }, items: itemsOf(range(count).map((index) => ({ index }))), keys: [] };
		},
	}),
	boxOp({
		resource: 'uploadUrl',
		operation: 'get',
		title: 'Upload URL: Get',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count) {
			return { parameters: { resource: 'uploadUrl', operation: 'get', mimeType: 'application/pdf' }, items: itemsOf(range(count).map((index) => ({ index }))), keys: [] };
		},
	}),
];

// ---------------------------------------------------------------------------------------------
// Site Flow, written once and listed for both credentials

type SiteFlowTemplate = Omit<OperationSpec, 'node' | 'auth' | 'id' | 'label'> & {
	name: string;
	title: string;
	/** Only the Site Flow token reaches the asynchronous order service. */
	tokenOnly?: boolean;
};

const anyItems = (count: number) => itemsOf(range(count).map((index) => ({ index })));

async function firstRecordId(world: World, resource: 'product' | 'sku'): Promise<string> {
	const [first] = await setupRun(world, 'siteFlow', 'siteFlowApi', { resource, operation: 'getAll', returnAll: false, limit: 1 }, anyItems(1));
	return String(first._id);
}

const submitVariant = (name: string, title: string, target: string, extra: IDataObject = {}, first: FirstRequest = 'lookup'): SiteFlowTemplate => ({
	name,
	title,
	first,
	effect: 'order',
	tokenOnly: target === 'orderService',
	async prepare(_world, count, tag) {
		const ids = names(tag, count);
		return {
			parameters: {
				resource: 'order',
				operation: 'submit',
				submitTarget: target,
				...(target === 'routingRule' ? { routingRuleKey: 'rel-routing-key-0001' } : {}),
				inputMode: 'json',
				orderJson: '={{ $json.order }}',
				...extra,
			},
			items: itemsOf(ids.map((id) => ({ order: validOrder(id) }))),
			keys: ids,
		};
	},
	effects: orderEffects,
});

const SITE_FLOW_TEMPLATES: SiteFlowTemplate[] = [
	{
		name: 'account.get',
		title: 'Account: Get',
		first: 'retried',
		effect: 'none',
		prepare: async (_world, count) => ({ parameters: { resource: 'account', operation: 'get' }, items: anyItems(count), keys: [] }),
	},
	{
		name: 'file.getAll',
		title: 'File: Get Many',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const orders = await submitOrders(world, names(tag, count));
			return { parameters: { resource: 'file', operation: 'getAll', orderId: rl('={{ $json.orderId }}'), returnAll: true }, items: itemsOf(orders.map((order) => ({ orderId: order._id }))), keys: [] };
		},
	},
	{
		name: 'file.getUploadUrl',
		title: 'File: Get Upload URL',
		first: 'retried',
		effect: 'none',
		prepare: async (_world, count) => ({ parameters: { resource: 'file', operation: 'getUploadUrl', mimeType: 'application/pdf' }, items: anyItems(count), keys: [] }),
	},
	{
		name: 'order.cancel',
		title: 'Order: Cancel (by ID)',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const orders = await submitOrders(world, names(tag, count));
			return { parameters: { resource: 'order', operation: 'cancel', cancelBy: 'id', orderId: rl('={{ $json.orderId }}') }, items: itemsOf(orders.map((order) => ({ orderId: order._id }))), keys: [] };
		},
	},
	{
		name: 'order.cancelBySource',
		title: 'Order: Cancel (by source order ID)',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = names(tag, count);
			await submitOrders(world, ids);
			return {
				parameters: { resource: 'order', operation: 'cancel', cancelBy: 'source', sourceAccount: SOURCE_ACCOUNT, sourceOrderId: '={{ $json.sourceOrderId }}' },
				items: itemsOf(ids.map((sourceOrderId) => ({ sourceOrderId }))),
				keys: [],
			};
		},
	},
	{
		name: 'order.get',
		title: 'Order: Get (by ID)',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const orders = await submitOrders(world, names(tag, count));
			return { parameters: { resource: 'order', operation: 'get', getBy: 'id', orderId: rl('={{ $json.orderId }}'), simplify: true }, items: itemsOf(orders.map((order) => ({ orderId: order._id }))), keys: [] };
		},
	},
	{
		name: 'order.getBySource',
		title: 'Order: Get (by source order ID)',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = names(tag, count);
			await submitOrders(world, ids);
			return { parameters: { resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: '={{ $json.sourceOrderId }}', simplify: false }, items: itemsOf(ids.map((sourceOrderId) => ({ sourceOrderId }))), keys: [] };
		},
	},
	{
		name: 'order.getAll',
		title: 'Order: Get Many (two pages)',
		first: 'retried',
		effect: 'none',
		async prepare(world, count) {
			if (world.sandbox.core.store.orders.length < 120) await world.sandbox.admin.generateOrders({ count: 120 });
			return { parameters: { resource: 'order', operation: 'getAll', returnAll: true, simplify: true }, items: anyItems(count), keys: [] };
		},
	},
	submitVariant('order.submit', 'Order: Submit (Site Flow API)', 'siteFlowApi'),
	submitVariant('order.submitOrderService', 'Order: Submit (order service)', 'orderService'),
	submitVariant('order.submitRoutingRule', 'Order: Submit (routing rule)', 'routingRule'),
	submitVariant('order.submitValidateFirst', 'Order: Submit (validate first)', 'siteFlowApi', { submitOptions: { validateFirst: true } }, 'retried'),
	{
		name: 'order.update',
		title: 'Order: Update',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const ids = names(tag, count);
			const orders = await submitOrders(world, ids);
			const rows = orders.map((order, index) => {
				const changed = validOrder(ids[index]);
				(changed.orderData as IDataObject).customerName = 'Reliability (updated)';
				return { orderId: order._id, order: changed };
			});
			return { parameters: { resource: 'order', operation: 'update', orderId: rl('={{ $json.orderId }}'), inputMode: 'json', orderJson: '={{ $json.order }}' }, items: itemsOf(rows), keys: [] };
		},
	},
	{
		name: 'order.validate',
		title: 'Order: Validate',
		first: 'retried',
		effect: 'none',
		async prepare(_world, count, tag) {
			const ids = names(tag, count);
			return { parameters: { resource: 'order', operation: 'validate', inputMode: 'json', orderJson: '={{ $json.order }}' }, items: itemsOf(ids.map((id) => ({ order: validOrder(id) }))), keys: ids };
		},
		// a validation creates nothing, however often it is retried
		effects: (world, prepared) => prepared.keys.map((key) => ordersFor(world, key).orders),
	},
	{
		name: 'orderArtwork.upload',
		title: 'Order Artwork: Upload',
		first: 'retried',
		uploads: true,
		effect: 'none',
		async prepare(_world, count, tag) {
			const fileNames = names(tag, count, '.pdf');
			return { parameters: { resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data', useFor: 'reference' }, items: fileNames.map((name) => binaryItem({ name }, pdfBytes(name), name)), keys: [] };
		},
	},
	{
		name: 'orderArtwork.uploadOrderFiles',
		title: 'Order Artwork: Upload Order Files (by order ID)',
		first: 'retried',
		uploads: true,
		effect: 'none',
		async prepare(world, count, tag) {
			const orders = await submitOrders(world, names(tag, count), { upload: true });
			return {
				parameters: { resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'orderId', orderId: rl('={{ $json.orderId }}'), binaryPropertyNames: '' },
				items: orders.map((order) => binaryItem({ orderId: order._id }, pdfBytes(String(order._id)), 'card.pdf')),
				keys: [],
			};
		},
	},
	{
		name: 'product.get',
		title: 'Product: Get',
		first: 'retried',
		effect: 'none',
		async prepare(world, count) {
			const productId = await firstRecordId(world, 'product');
			return { parameters: { resource: 'product', operation: 'get', productId: rl(productId) }, items: anyItems(count), keys: [] };
		},
	},
	{
		name: 'product.getAll',
		title: 'Product: Get Many',
		first: 'retried',
		effect: 'none',
		prepare: async (_world, count) => ({ parameters: { resource: 'product', operation: 'getAll', returnAll: true }, items: anyItems(count), keys: [] }),
	},
	{
		name: 'shipment.markShipped',
		title: 'Shipment: Mark as Shipped',
		first: 'retried',
		effect: 'none',
		async prepare(world, count, tag) {
			const orders = await submitOrders(world, names(tag, count));
			const rows = orders.map((order) => ({ shipmentId: ((order.orderData as IDataObject).shipments as IDataObject[])[0]._id }));
			return {
				parameters: { resource: 'shipment', operation: 'markShipped', shipmentId: '={{ $json.shipmentId }}', shipmentFields: { trackingNumber: '1ZREL0001', carrierCode: 'royalmail' } },
				items: itemsOf(rows),
				keys: [],
			};
		},
	},
	{
		name: 'sku.get',
		title: 'SKU: Get',
		first: 'retried',
		effect: 'none',
		async prepare(world, count) {
			const skuId = await firstRecordId(world, 'sku');
			return { parameters: { resource: 'sku', operation: 'get', skuId: rl(skuId) }, items: anyItems(count), keys: [] };
		},
	},
	{
		name: 'sku.getAll',
		title: 'SKU: Get Many',
		first: 'retried',
		effect: 'none',
		prepare: async (_world, count) => ({ parameters: { resource: 'sku', operation: 'getAll', returnAll: true }, items: anyItems(count), keys: [] }),
	},
	{
		name: 'stock.getAll',
		title: 'Stock: Get Many',
		first: 'retried',
		effect: 'none',
		prepare: async (_world, count) => ({ parameters: { resource: 'stock', operation: 'getAll', returnAll: true }, items: anyItems(count), keys: [] }),
	},
];

const AUTH_LABEL: Record<Auth, string> = { siteFlowApi: 'token', printOsApi: 'gateway' };

function siteFlowOp(template: SiteFlowTemplate, auth: Auth): OperationSpec {
	const { name, title, tokenOnly: _tokenOnly, ...rest } = template;
	return { id: `siteFlow.${name} [${AUTH_LABEL[auth]}]`, label: `Site Flow › ${title} [${AUTH_LABEL[auth]}]`, node: 'siteFlow', auth, ...rest };
}

export const SITE_FLOW_OPERATIONS: OperationSpec[] = SITE_FLOW_TEMPLATES.flatMap((template) => [
	siteFlowOp(template, 'siteFlowApi'),
	...(template.tokenOnly ? [] : [siteFlowOp(template, 'printOsApi')]),
]);

export const ALL_OPERATIONS: OperationSpec[] = [...BOX_OPERATIONS, ...SITE_FLOW_OPERATIONS];

export function operation(id: string): OperationSpec {
	const found = ALL_OPERATIONS.find((spec) => spec.id === id);
	if (!found) throw new Error(`no operation "${id}" in the matrix`);
	return found;
}
