/**
 * Local checks of an order against spec §3.5, run before anything is sent: every required field,
 * non-empty items/components/shipments, and item → shipment indexes. Site Flow would refuse such an
 * order anyway, but only after a round trip, and a routed or asynchronous submission may accept it
 * and fail later where the workflow cannot see it.
 */
import type { OrderProblem } from './orderTypes';

type Json = Record<string, unknown>;

/** Address fields the docs and the PHP/Elixir models mark as required. */
export const REQUIRED_ADDRESS_FIELDS = ['name', 'address1', 'town', 'postcode', 'isoCountry'] as const;

function isObject(value: unknown): value is Json {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isFilledString(value: unknown): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

function isFilledId(value: unknown): boolean {
	return isFilledString(value) || (typeof value === 'number' && Number.isFinite(value));
}

/** The samples send `true` or `"true"` (spec §3.5). */
function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

function isBooleanLike(value: unknown): boolean {
	return typeof value === 'boolean' || value === 'true' || value === 'false';
}

function isHttpUrl(value: unknown): boolean {
	return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim());
}

class ProblemList {
	readonly problems: OrderProblem[] = [];

	add(path: string, message: string) {
		this.problems.push({ path, message });
	}

	requireString(parent: Json, parentPath: string, field: string, what: string) {
		if (!isFilledString(parent[field])) this.add(`${parentPath}.${field}`, `is required (${what})`);
	}

	/** Returns the array when it is a non-empty array, so callers can descend into it. */
	requireNonEmptyArray(parent: Json, parentPath: string, field: string, what: string): unknown[] {
		const value = parent[field];
		if (!Array.isArray(value)) {
			this.add(`${parentPath}.${field}`, `is required: a list with at least one ${what}`);
			return [];
		}
		if (value.length === 0) this.add(`${parentPath}.${field}`, `must contain at least one ${what}`);
		return value;
	}

	requireObject(value: unknown, path: string, what: string): Json | undefined {
		if (isObject(value)) return value;
		this.add(path, value === undefined ? `is required (${what})` : `must be an object (${what})`);
		return undefined;
	}
}

function checkAddress(list: ProblemList, address: Json, path: string) {
	for (const field of REQUIRED_ADDRESS_FIELDS) {
		list.requireString(address, path, field, `address ${field}`);
	}
}

function checkCarrier(list: ProblemList, carrier: Json, path: string) {
	const hasAlias = isFilledString(carrier.alias);
	const hasCode = isFilledString(carrier.code);
	const hasService = isFilledString(carrier.service);
	if (hasAlias) return;
	if (!hasCode && !hasService) {
		list.add(path, 'needs either an alias, or a code and a service (e.g. {"code":"fedex","service":"ground"})');
		return;
	}
	if (!hasCode) list.add(`${path}.code`, 'is required with carrier.service (or use carrier.alias)');
	if (!hasService) list.add(`${path}.service`, 'is required with carrier.code (or use carrier.alias)');
}

function checkShipment(list: ProblemList, shipment: unknown, path: string) {
	const object = list.requireObject(shipment, path, 'a shipment');
	if (!object) return;
	const shipTo = list.requireObject(object.shipTo, `${path}.shipTo`, 'the delivery address');
	if (shipTo) checkAddress(list, shipTo, `${path}.shipTo`);
	if (object.returnAddress !== undefined && object.returnAddress !== null) {
		const returnAddress = list.requireObject(object.returnAddress, `${path}.returnAddress`, 'an address');
		if (returnAddress) checkAddress(list, returnAddress, `${path}.returnAddress`);
	}
	const carrier = list.requireObject(object.carrier, `${path}.carrier`, 'code and service, or alias');
	if (carrier) checkCarrier(list, carrier, `${path}.carrier`);
	if (Array.isArray(object.attachments)) {
		object.attachments.forEach((attachment, index) => {
			const attachmentPath = `${path}.attachments[${index}]`;
			const value = list.requireObject(attachment, attachmentPath, 'an attachment');
			if (value) list.requireString(value, attachmentPath, 'path', 'the attachment file');
		});
	}
}

function checkComponent(list: ProblemList, component: unknown, path: string) {
	const object = list.requireObject(component, path, 'a component');
	if (!object) return;
	list.requireString(object, path, 'code', "the product's component code, e.g. Content or Cover");
	if (object.fetch !== undefined && !isBooleanLike(object.fetch)) {
		list.add(`${path}.fetch`, 'must be true or false');
	}
	if (isTrue(object.fetch) && isTrue(object.localFile)) {
		list.add(`${path}.localFile`, 'cannot be true together with fetch: the file is either downloaded or already at the PSP');
	}
	// Stock components carry no artwork (spec §3.5: path is required "unless stock").
	if (object.type === 'stock') return;
	if (!isFilledString(object.path)) {
		list.add(
			`${path}.path`,
			'is required: the artwork URL (with fetch) or the file name to upload or already at the PSP',
		);
	} else if (isTrue(object.fetch) && !isHttpUrl(object.path)) {
		list.add(`${path}.path`, 'must be an http(s) URL that Site Flow can download, since fetch is true');
	}
	if (object.attributes !== undefined && !isObject(object.attributes)) {
		list.add(`${path}.attributes`, 'must be an object of attribute names and values');
	}
}

function checkItem(list: ProblemList, item: unknown, path: string, shipmentCount: number, seenIds: Map<string, string>) {
	const object = list.requireObject(item, path, 'an item');
	if (!object) return;
	if (!isFilledId(object.sourceItemId)) {
		list.add(`${path}.sourceItemId`, 'is required (your ID for this item, unique within the order)');
	} else {
		const id = String(object.sourceItemId);
		const earlier = seenIds.get(id);
		if (earlier) list.add(`${path}.sourceItemId`, `"${id}" is already used by ${earlier}`);
		else seenIds.set(id, path);
	}
	if (!isFilledString(object.sku) && !isFilledString(object.sourceProductId)) {
		list.add(`${path}.sku`, 'is required (a SKU code of the destination account, or sourceProductId)');
	}
	const quantity = object.quantity;
	if (quantity === undefined || quantity === null || quantity === '') {
		list.add(`${path}.quantity`, 'is required (a whole number of at least 1)');
	} else if (!Number.isInteger(Number(quantity)) || Number(quantity) < 1) {
		list.add(`${path}.quantity`, `must be a whole number of at least 1, not ${JSON.stringify(quantity)}`);
	}
	if (object.shipmentIndex !== undefined && object.shipmentIndex !== null) {
		const index = Number(object.shipmentIndex);
		if (!Number.isInteger(index) || index < 0 || (shipmentCount > 0 && index >= shipmentCount)) {
			list.add(
				`${path}.shipmentIndex`,
				`${JSON.stringify(object.shipmentIndex)} does not point to a shipment: orderData.shipments has ${shipmentCount} (indexes start at 0)`,
			);
		}
	}
	const components = list.requireNonEmptyArray(object, path, 'components', 'component');
	components.forEach((component, index) => checkComponent(list, component, `${path}.components[${index}]`));
}

function checkStockItems(list: ProblemList, stockItems: unknown, shipmentCount: number) {
	if (stockItems === undefined || stockItems === null) return;
	if (!Array.isArray(stockItems)) {
		list.add('orderData.stockItems', 'must be a list');
		return;
	}
	stockItems.forEach((entry, index) => {
		const path = `orderData.stockItems[${index}]`;
		const object = list.requireObject(entry, path, 'a stock item');
		if (!object) return;
		list.requireString(object, path, 'code', 'the stock code');
		if (!Number.isInteger(Number(object.quantity)) || Number(object.quantity) < 1) {
			list.add(`${path}.quantity`, 'is required (a whole number of at least 1)');
		}
		if (object.shipmentIndex !== undefined) {
			const shipmentIndex = Number(object.shipmentIndex);
			if (!Number.isInteger(shipmentIndex) || shipmentIndex < 0 || shipmentIndex >= shipmentCount) {
				list.add(`${path}.shipmentIndex`, `does not point to a shipment (there are ${shipmentCount})`);
			}
		}
	});
}

/** Every problem found, in document order; empty when the order may be sent. */
export function findOrderProblems(order: unknown): OrderProblem[] {
	const list = new ProblemList();
	const root = list.requireObject(order, 'order', 'an object with destination and orderData');
	if (!root) return list.problems;

	const destination = list.requireObject(root.destination, 'destination', 'the PSP account, e.g. {"name":"hp.example"}');
	if (destination) list.requireString(destination, 'destination', 'name', 'the PSP account name');

	const orderData = list.requireObject(root.orderData, 'orderData', 'the order itself');
	if (!orderData) return list.problems;
	if (!isFilledId(orderData.sourceOrderId)) {
		list.add('orderData.sourceOrderId', 'is required (your unique ID for this order)');
	}
	if (orderData.tags !== undefined && !(Array.isArray(orderData.tags) && orderData.tags.every(isFilledString))) {
		list.add('orderData.tags', 'must be a list of non-empty texts');
	}

	// Shipments first: item indexes are checked against their count.
	const shipments = list.requireNonEmptyArray(orderData, 'orderData', 'shipments', 'shipment');
	const items = list.requireNonEmptyArray(orderData, 'orderData', 'items', 'item');
	const seenIds = new Map<string, string>();
	items.forEach((item, index) =>
		checkItem(list, item, `orderData.items[${index}]`, shipments.length, seenIds),
	);
	shipments.forEach((shipment, index) => checkShipment(list, shipment, `orderData.shipments[${index}]`));
	checkStockItems(list, orderData.stockItems, shipments.length);
	return list.problems;
}
