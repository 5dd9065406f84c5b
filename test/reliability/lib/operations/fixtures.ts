/**
 * Valid values the suites build input from: a complete order, PDF-like bytes, binary items and
 * resource-locator values. Parameters read per-item values through expressions (`={{ $json.… }}`),
 * the way workflows feed IDs from a previous node, so every item acts on its own object.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { validOrder as completeOrder } from '../../../helpers/siteFlowOrders';

export function rl(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

/** A resource locator that takes the item's own `field`. */
export const rlFromItem = (field: string): IDataObject => rl(fromItem(field));

/** A text parameter that takes the item's own `field`. */
export const fromItem = (field: string): string => `={{ $json.${field} }}`;

export const itemsOf = (rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

/** `count` items that carry nothing an operation reads: each run of the operation is alike. */
export const plainItems = (count: number): INodeExecutionData[] => itemsOf(range(count).map((index) => ({ index })));

/** Names distinct per case (`tag`) and per item. */
export const names = (tag: string, count: number, suffix = ''): string[] => range(count).map((index) => `${tag}-${index}${suffix}`);

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

/**
 * A complete order the sandbox accepts (the one the node tests use, by a customer of this suite).
 * With `upload`, the artwork is a file name to upload later.
 */
export function validOrder(sourceOrderId: string, options: { upload?: boolean } = {}): IDataObject {
	const order = completeOrder(sourceOrderId);
	order.orderData.customerName = 'Reliability';
	if (options.upload) order.orderData.items[0].components = [{ code: 'Content', path: 'card.pdf', fetch: false }];
	return order;
}
