/**
 * Local checks of an order, run before anything is sent. A routed or asynchronous submission may
 * accept a broken order and fail later where the workflow cannot see it, so what PrintOS is known to
 * refuse is caught here. Only that: each rule below names its evidence in the API reference
 * (`printos-api.md`, "spec" below: a documented rule or an HP sample). Anything else goes to Site
 * Flow, which answers for itself (e.g. tags, booleans spelled oddly, attributes, return addresses).
 */
import type { OrderProblem } from './orderTypes';

type Json = Record<string, unknown>;

/** Address fields the docs and the PHP/Elixir models mark as required (docs/printos-api.md#order-checks). */
export const REQUIRED_ADDRESS_FIELDS = ['name', 'address1', 'town', 'postcode', 'isoCountry'] as const;

function isObject(value: unknown): value is Json {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isFilledString(value: unknown): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

function isFilledId(value: unknown): boolean {
	// Number.isFinite is false for anything that is not a number
	return isFilledString(value) || Number.isFinite(value);
}

/** The samples send `true` or `"true"` (docs/printos-api.md#order-checks). */
function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
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

/** docs/printos-api.md#order-checks shipments: carrier is `{code, service}` or `{alias}` [DOC][SAMPLE]. */
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
	// docs/printos-api.md#order-checks shipments: shipTo and carrier are required; returnAddress is optional and no source
	// says how a partial one is treated, so it goes as given
	const shipTo = list.requireObject(object.shipTo, `${path}.shipTo`, 'the delivery address');
	if (shipTo) checkAddress(list, shipTo, `${path}.shipTo`);
	const carrier = list.requireObject(object.carrier, `${path}.carrier`, 'code and service, or alias');
	if (carrier) checkCarrier(list, carrier, `${path}.carrier`);
	// docs/printos-api.md#order-checks: attachments are `[{path (req), ...}]` (HP's PHP SDK marks path required)
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
	// docs/printos-api.md#order-checks components: code is required [DOC]
	list.requireString(object, path, 'code', "the product's component code, e.g. Content or Cover");
	// docs/printos-api.md#order-checks: path is required "unless stock"; a URL when fetch is true [DOC][SAMPLE]
	if (object.type === 'stock') return;
	if (!isFilledString(object.path)) {
		list.add(
			`${path}.path`,
			'is required: the artwork URL (with fetch) or the file name to upload or already at the PSP',
		);
	} else if (isTrue(object.fetch) && !isHttpUrl(object.path)) {
		list.add(`${path}.path`, 'must be an http(s) URL that Site Flow can download, since fetch is true');
	}
}

function checkItem(list: ProblemList, item: unknown, path: string, shipmentCount: number, seenIds: Map<string, string>) {
	const object = list.requireObject(item, path, 'an item');
	if (!object) return;
	// docs/printos-api.md#order-checks items: sourceItemId is required and unique within the order [DOC]
	if (!isFilledId(object.sourceItemId)) {
		list.add(`${path}.sourceItemId`, 'is required (your ID for this item, unique within the order)');
	} else {
		const id = String(object.sourceItemId);
		const earlier = seenIds.get(id);
		if (earlier) list.add(`${path}.sourceItemId`, `"${id}" is already used by ${earlier}`);
		else seenIds.set(id, path);
	}
	// docs/printos-api.md#order-checks items: sku, or sourceProductId instead [DOC][SAMPLE]
	if (!isFilledString(object.sku) && !isFilledString(object.sourceProductId)) {
		list.add(`${path}.sku`, 'is required (a SKU code of the destination account, or sourceProductId)');
	}
	// docs/printos-api.md#order-checks items: quantity defaults to 1 (HP's gateway JavaScript sample and Postman collection
	// leave it out); when given, a whole number of at least 1
	checkOptionalQuantity(list, object.quantity, `${path}.quantity`);
	// docs/printos-api.md#order-checks: shipmentIndex is a 0-based index into shipments [DOC]; one past the end points nowhere
	if (object.shipmentIndex !== undefined && object.shipmentIndex !== null) {
		const index = Number(object.shipmentIndex);
		if (!Number.isInteger(index) || index < 0 || (shipmentCount > 0 && index >= shipmentCount)) {
			list.add(
				`${path}.shipmentIndex`,
				`${JSON.stringify(object.shipmentIndex)} does not point to a shipment: orderData.shipments has ${shipmentCount} (indexes start at 0)`,
			);
		}
	}
	// docs/printos-api.md#order-checks items: components are required, at least one [DOC]
	const components = list.requireNonEmptyArray(object, path, 'components', 'component');
	components.forEach((component, index) => checkComponent(list, component, `${path}.components[${index}]`));
}

/** Absent (undefined or null) means 1; given, it must be a whole number of at least 1. */
function checkOptionalQuantity(list: ProblemList, quantity: unknown, path: string) {
	if (quantity === undefined || quantity === null) return;
	// a number given as text ("3") counts; blank text reads as 0 and is refused like any other
	const number = typeof quantity === 'string' ? Number(quantity) : quantity;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		list.add(path, `must be a whole number of at least 1 when given (leave it out for 1), not ${JSON.stringify(quantity)}`);
	}
}

/** docs/printos-api.md#order-checks: stockItems `{code, quantity, shipmentIndex?, ...}` (HP's PHP SDK model). */
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
		// HP's PHP SDK gives stock items quantity 1 by default, as items have (docs/printos-api.md#order-checks)
		checkOptionalQuantity(list, object.quantity, `${path}.quantity`);
		if (object.shipmentIndex !== undefined && object.shipmentIndex !== null) {
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

	// docs/printos-api.md#order-checks: destination.name and orderData.sourceOrderId are required [DOC]
	const destination = list.requireObject(root.destination, 'destination', 'the PSP account, e.g. {"name":"hp.example"}');
	if (destination) list.requireString(destination, 'destination', 'name', 'the PSP account name');

	const orderData = list.requireObject(root.orderData, 'orderData', 'the order itself');
	if (!orderData) return list.problems;
	if (!isFilledId(orderData.sourceOrderId)) {
		list.add('orderData.sourceOrderId', 'is required (your unique ID for this order)');
	}

	// docs/printos-api.md#order-checks: at least one item and one shipment are required [DOC]. Shipments first: item
	// indexes are checked against their count.
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
