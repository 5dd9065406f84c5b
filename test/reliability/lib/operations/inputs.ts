/**
 * The ways the table builds a case's input items: new names for what an item creates, existing
 * objects for what it acts on (made with faults off), PDFs for uploads. Each item carries its own
 * value, read by the parameters through `={{ $json.… }}`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { World } from '../world';
import { binaryItem, itemsOf, names, pdfBytes, plainItems, rl, validOrder } from './fixtures';
import { firstRecordId, makeContacts, makeFiles, makeFolders, submitOrders } from './setup';
import type { InputBuilder } from './types';

export const plainInput: InputBuilder = async (_world, count) => ({ items: plainItems(count) });

/** Items that each name what they create (`field`); the names are the keys its effects are found by. */
export const newNames =
	(field: string, suffix = ''): InputBuilder =>
	async (_world, count, tag) => {
		const created = names(tag, count, suffix);
		return { items: itemsOf(created.map((name) => ({ [field]: name }))), keys: created };
	};

/** Items that each carry a valid order (`order`), keyed by its sourceOrderId. */
export const newOrders: InputBuilder = async (_world, count, tag) => {
	const ids = names(tag, count);
	return { items: itemsOf(ids.map((id) => ({ order: validOrder(id) }))), keys: ids };
};

/** Items that each carry a distinct PDF in the binary property `data`. */
export const newPdfs: InputBuilder = async (_world, count, tag) => {
	const fileNames = names(tag, count, '.pdf');
	return { items: fileNames.map((name) => binaryItem({ name }, pdfBytes(name), name)), keys: fileNames };
};

/** Runs `input` against a new Box folder, given as the Folder parameter. */
export const inNewFolder =
	(input: InputBuilder): InputBuilder =>
	async (world, count, tag) => {
		const [folderId] = await makeFolders(world, [`${tag}-folder`]);
		const prepared = await input(world, count, tag);
		return { ...prepared, parameters: { folderId: rl(folderId), ...prepared.parameters } };
	};

/** What `existing` makes, one per item: its ID, or what the item refers to it by. */
type Existing = (world: World, count: number, tag: string) => Promise<string[]>;

/** Items that each carry, as `field`, one object made beforehand. */
export const eachExisting =
	(field: string, existing: Existing): InputBuilder =>
	async (world, count, tag) => {
		const values = await existing(world, count, tag);
		return { items: itemsOf(values.map((value) => ({ [field]: value }))), keys: values };
	};

export const existingFolders: Existing = (world, count, tag) => makeFolders(world, names(tag, count));

export const existingContacts: Existing = (world, count, tag) => makeContacts(world, names(tag, count, '@delete.example'));

/** Box files, one per item, in a new folder. */
export async function newBoxFiles(world: World, count: number, tag: string): Promise<IDataObject[]> {
	const [folderId] = await makeFolders(world, [`${tag}-folder`]);
	return await makeFiles(world, folderId, names(tag, count, '.jpg'));
}

export const existingFiles: Existing = async (world, count, tag) => (await newBoxFiles(world, count, tag)).map((file) => String(file._id));

/** Submitted orders, one per item, by their Site Flow ID. */
export const existingOrders: Existing = async (world, count, tag) => (await submitOrders(world, names(tag, count))).map((order) => String(order._id));

/** Submitted orders, one per item, by their sourceOrderId. */
export const existingSourceOrderIds: Existing = async (world, count, tag) => {
	const ids = names(tag, count);
	await submitOrders(world, ids);
	return ids;
};

/** The first shipment of a submitted order, one per item. */
export const existingShipments: Existing = async (world, count, tag) =>
	(await submitOrders(world, names(tag, count))).map((order) => String(((order.orderData as IDataObject).shipments as IDataObject[])[0]._id));

/**
 * A Box file command per item, on a file of its own: the item carries the file and its first
 * version; the key is the command's POST path, by which processed commands are counted.
 */
export const fileCommands =
	(commandPath: (fileId: string, versionId: string) => string): InputBuilder =>
	async (world, count, tag) => {
		const files = await newBoxFiles(world, count, tag);
		const rows = files.map((file) => ({ fileId: String(file._id), versionId: String((file.versions as IDataObject[] | undefined)?.[0]?._id ?? file.currentVersionId) }));
		return { items: itemsOf(rows), keys: rows.map((row) => commandPath(row.fileId, row.versionId)) };
	};

/** `count` plain items and, as `parameter`, the account's first product or SKU. */
export const firstRecord =
	(resource: 'product' | 'sku', parameter: string): InputBuilder =>
	async (world, count) => ({ items: plainItems(count), parameters: { [parameter]: rl(await firstRecordId(world, resource)) } });
