/**
 * Server-side order validation (docs/printos-api.md#order-checks), written independently of the node's own pre-flight
 * checks so a mistake in one cannot hide the same mistake in the other. Reports every problem at
 * once, with PrintOS-style paths (`orderData.items[0].components[0].path`).
 */
import { isObject } from '../http';
import { productForItem, type Catalogue } from '../seed';
import type { Json } from '../types';

export interface Validation {
	path: string;
	message: string;
}

export const ADDRESS_FIELDS = ['name', 'address1', 'town', 'isoCountry', 'postcode'] as const;

function filled(value: unknown): boolean {
	return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

/** The samples send booleans as `true` or `"true"` (docs/printos-api.md#order-checks). */
export function truthy(value: unknown): boolean {
	return value === true || value === 'true';
}

function positiveInteger(value: unknown): boolean {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number > 0;
}

function nonEmptyList(
	parent: Json,
	field: string,
	path: string,
	what: string,
	out: Validation[],
): Json[] {
	const value = parent[field];
	if (!Array.isArray(value)) {
		out.push({ path, message: `${field} is required: a list with at least one ${what}` });
		return [];
	}
	if (value.length === 0) out.push({ path, message: `${field} must contain at least one ${what}` });
	return value;
}

function validateComponent(component: unknown, path: string, product: Json | undefined, out: Validation[]): void {
	if (!isObject(component)) {
		out.push({ path, message: 'component must be an object' });
		return;
	}
	if (!filled(component.code)) {
		out.push({ path: `${path}.code`, message: 'code is required (the component code of the product)' });
	} else if (product) {
		const codes: string[] = (product.components ?? []).map((entry: Json) => String(entry.code));
		const known = codes.some((code) => code.toLowerCase() === String(component.code).toLowerCase());
		if (!known) {
			out.push({
				path: `${path}.code`,
				message: `component code "${component.code}" is not defined for product ${product.code} (expected one of: ${codes.join(', ')})`,
			});
		}
	}
	// docs/printos-api.md#order-checks: path is required "unless stock"; a file already at the PSP is named, not fetched
	if (truthy(component.localFile) || component.type === 'stock') return;
	if (!filled(component.path)) {
		out.push({ path: `${path}.path`, message: 'path is required unless localFile is true (a URL when fetch is true, else a file name)' });
	} else if (truthy(component.fetch) && !/^https?:\/\/\S+$/i.test(String(component.path))) {
		out.push({ path: `${path}.path`, message: 'path must be an http(s) URL when fetch is true' });
	}
}

function validateItem(item: unknown, path: string, shipmentCount: number, catalogue: Catalogue, out: Validation[]): void {
	if (!isObject(item)) {
		out.push({ path, message: 'item must be an object' });
		return;
	}
	if (!filled(item.sourceItemId)) out.push({ path: `${path}.sourceItemId`, message: 'sourceItemId is required' });
	let product: Json | undefined;
	if (filled(item.sku)) {
		product = productForItem(catalogue, item);
		if (!product) out.push({ path: `${path}.sku`, message: `SKU "${item.sku}" not found in account ${catalogue.destination}` });
	} else if (filled(item.sourceProductId)) {
		product = productForItem(catalogue, item);
		if (!product) {
			out.push({ path: `${path}.sourceProductId`, message: `product "${item.sourceProductId}" not found in account ${catalogue.destination}` });
		}
	} else {
		out.push({ path: `${path}.sku`, message: 'sku or sourceProductId is required' });
	}
	// Optional, default 1: HP's gateway JavaScript order sample and its Postman collection leave it out (docs/printos-api.md#order-checks)
	if (item.quantity !== undefined && item.quantity !== null && !positiveInteger(item.quantity)) {
		out.push({ path: `${path}.quantity`, message: 'quantity must be a positive whole number' });
	}
	if (item.shipmentIndex !== undefined && item.shipmentIndex !== null && shipmentCount > 0) {
		const index = Number(item.shipmentIndex);
		if (!Number.isInteger(index) || index < 0 || index >= shipmentCount) {
			out.push({
				path: `${path}.shipmentIndex`,
				message: `shipmentIndex ${JSON.stringify(item.shipmentIndex)} does not point at a shipment (0 to ${shipmentCount - 1})`,
			});
		}
	}
	const components = nonEmptyList(item, 'components', `${path}.components`, 'component', out);
	components.forEach((component, index) => validateComponent(component, `${path}.components[${index}]`, product, out));
}

function validateShipment(shipment: unknown, path: string, out: Validation[]): void {
	if (!isObject(shipment)) {
		out.push({ path, message: 'shipment must be an object' });
		return;
	}
	if (!isObject(shipment.shipTo)) {
		out.push({ path: `${path}.shipTo`, message: 'shipTo is required (name, address1, town, isoCountry, postcode)' });
	} else {
		for (const field of ADDRESS_FIELDS) {
			if (!filled(shipment.shipTo[field])) out.push({ path: `${path}.shipTo.${field}`, message: `${field} is required` });
		}
	}
	const carrier = shipment.carrier;
	if (!isObject(carrier)) {
		out.push({ path: `${path}.carrier`, message: 'carrier is required: {code, service} or {alias}' });
	} else if (!filled(carrier.alias)) {
		if (!filled(carrier.code)) out.push({ path: `${path}.carrier.code`, message: 'carrier code is required unless an alias is given' });
		if (!filled(carrier.service)) {
			out.push({ path: `${path}.carrier.service`, message: 'carrier service is required unless an alias is given' });
		}
	}
}

export function validateOrder(body: unknown, catalogue: Catalogue): Validation[] {
	const out: Validation[] = [];
	if (!isObject(body)) return [{ path: '', message: 'the order must be a JSON object with destination and orderData' }];
	const destination = body.destination;
	if (!isObject(destination) || !filled(destination.name)) {
		out.push({ path: 'destination.name', message: 'destination.name is required (the PSP account name)' });
	} else {
		const account = catalogue.accounts.get(String(destination.name));
		if (!account || account.type !== 'psp') {
			out.push({ path: 'destination.name', message: `destination account "${destination.name}" not found` });
		}
	}
	const orderData = body.orderData;
	if (!isObject(orderData)) {
		out.push({ path: 'orderData', message: 'orderData is required' });
		return out;
	}
	if (!filled(orderData.sourceOrderId)) out.push({ path: 'orderData.sourceOrderId', message: 'sourceOrderId is required' });
	const items = nonEmptyList(orderData, 'items', 'orderData.items', 'item', out);
	const shipments = nonEmptyList(orderData, 'shipments', 'orderData.shipments', 'shipment', out);
	items.forEach((item, index) => validateItem(item, `orderData.items[${index}]`, shipments.length, catalogue, out));
	shipments.forEach((shipment, index) => validateShipment(shipment, `orderData.shipments[${index}]`, out));
	return out;
}
