/**
 * Turns the node's "Fields" input (the values n8n hands over for the order parameters) into a Site
 * Flow order (docs/printos-api.md#order-document). Pure: no n8n context, so every rule is unit-tested. Empty optional values
 * are left out; required ones are copied even when empty, so `findOrderProblems` names them.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	OrderAddress,
	OrderCarrier,
	OrderComponent,
	OrderItem,
	OrderProblem,
	OrderShipment,
	SiteFlowOrder,
} from './orderTypes';
import { REQUIRED_ADDRESS_FIELDS } from './findOrderProblems';

export interface AddressFields {
	name?: string;
	companyName?: string;
	address1?: string;
	address2?: string;
	address3?: string;
	town?: string;
	state?: string;
	postcode?: string;
	isoCountry?: string;
	phone?: string;
	email?: string;
}

export interface ComponentFields {
	code?: string;
	path?: string;
	fetch?: boolean;
	localFile?: boolean;
	/** JSON text from the UI, or an object from an expression. */
	attributes?: string | IDataObject;
}

export interface ItemFields {
	sourceItemId?: string | number;
	sku?: string;
	quantity?: number;
	shipmentIndex?: number;
	description?: string;
	components?: { component?: ComponentFields[] };
}

export interface ShipmentFields {
	shipTo?: { address?: AddressFields };
	returnAddress?: { address?: AddressFields };
	carrierType?: 'codeService' | 'alias';
	carrierCode?: string;
	carrierService?: string;
	carrierAlias?: string;
	shipByDate?: string;
	slaDays?: number;
	sourceShipmentId?: string;
}

export interface OrderAdditionalFields {
	customerName?: string;
	email?: string;
	/** Comma-separated in the UI; a list from an expression. */
	tags?: string | string[];
	instructions?: string;
	printType?: string;
	purchaseOrderNumber?: string;
	extraData?: string | IDataObject;
}

export interface OrderFields {
	destination?: string;
	sourceOrderId?: string;
	items?: { item?: ItemFields[] };
	shipments?: { shipment?: ShipmentFields[] };
	additionalFields?: OrderAdditionalFields;
}

export interface BuiltOrder {
	order: SiteFlowOrder;
	/** Values that could not be read at all (e.g. attribute JSON that does not parse). */
	problems: OrderProblem[];
}

const ADDRESS_FIELDS: Array<keyof AddressFields> = [
	'name',
	'companyName',
	'address1',
	'address2',
	'address3',
	'town',
	'state',
	'postcode',
	'isoCountry',
	'phone',
	'email',
];

function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return String(value).trim();
}

/** Copies non-empty values only. */
function setIfFilled(target: IDataObject, key: string, value: unknown) {
	const trimmed = typeof value === 'string' ? value.trim() : value;
	if (trimmed === undefined || trimmed === null || trimmed === '') return;
	target[key] = trimmed as IDataObject[string];
}

/** Undefined when nothing was filled in; required fields stay (empty) so the checks can name them. */
function buildAddress(fields: AddressFields | undefined): OrderAddress | undefined {
	if (!fields || ADDRESS_FIELDS.every((field) => text(fields[field]) === '')) return undefined;
	const address: IDataObject = {};
	for (const field of ADDRESS_FIELDS) setIfFilled(address, field, fields[field]);
	for (const required of REQUIRED_ADDRESS_FIELDS) address[required] = text(fields[required]);
	address.isoCountry = text(fields.isoCountry).toUpperCase();
	return address as OrderAddress;
}

function buildCarrier(fields: ShipmentFields): OrderCarrier {
	if (fields.carrierType === 'alias') return { alias: text(fields.carrierAlias) };
	return { code: text(fields.carrierCode), service: text(fields.carrierService) };
}

/** JSON text or an object; `undefined` for empty input; records a problem for text that does not parse. */
function readJsonObject(
	value: string | IDataObject | undefined,
	path: string,
	problems: OrderProblem[],
): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return Array.isArray(value) ? failJson(path, problems) : value;
	const source = value.trim();
	if (source === '' || source === '{}') return undefined;
	try {
		const parsed = JSON.parse(source) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// reported below with the path, which is more useful than the parser's position
	}
	return failJson(path, problems);
}

function failJson(path: string, problems: OrderProblem[]): undefined {
	problems.push({ path, message: 'must be a JSON object, e.g. {"pages": 24, "lamination": "gloss"}' });
	return undefined;
}

export function parseTags(tags: string | string[] | undefined): string[] | undefined {
	if (tags === undefined || tags === null) return undefined;
	const list = Array.isArray(tags) ? tags.map(text) : String(tags).split(',').map(text);
	const filled = list.filter((tag) => tag !== '');
	return filled.length ? filled : undefined;
}

function buildComponent(fields: ComponentFields, path: string, problems: OrderProblem[]): OrderComponent {
	const component: OrderComponent = { code: text(fields.code), path: text(fields.path) };
	// "Local File" means nothing is downloaded, whatever the Fetch switch still says
	component.fetch = fields.localFile ? false : (fields.fetch ?? true);
	if (fields.localFile) component.localFile = true;
	const attributes = readJsonObject(fields.attributes, `${path}.attributes`, problems);
	if (attributes) component.attributes = attributes;
	return component;
}

function buildItem(fields: ItemFields, path: string, problems: OrderProblem[]): OrderItem {
	const item: OrderItem = {
		sourceItemId: text(fields.sourceItemId),
		sku: text(fields.sku),
		quantity: fields.quantity ?? 1,
		shipmentIndex: fields.shipmentIndex ?? 0,
		components: (fields.components?.component ?? []).map((component, index) =>
			buildComponent(component, `${path}.components[${index}]`, problems),
		),
	};
	setIfFilled(item, 'description', fields.description);
	return item;
}

function buildShipment(fields: ShipmentFields, index: number): OrderShipment {
	const shipment = {
		shipmentIndex: index,
		shipTo: buildAddress(fields.shipTo?.address),
		carrier: buildCarrier(fields),
	} as OrderShipment;
	const returnAddress = buildAddress(fields.returnAddress?.address);
	if (returnAddress) shipment.returnAddress = returnAddress;
	setIfFilled(shipment, 'shipByDate', fields.shipByDate);
	if (fields.slaDays) shipment.slaDays = fields.slaDays;
	setIfFilled(shipment, 'sourceShipmentId', fields.sourceShipmentId);
	return shipment;
}

export function buildOrderFromFields(fields: OrderFields): BuiltOrder {
	const problems: OrderProblem[] = [];
	const extra = fields.additionalFields ?? {};
	const order: SiteFlowOrder = {
		destination: { name: text(fields.destination) },
		orderData: {
			sourceOrderId: text(fields.sourceOrderId),
			items: (fields.items?.item ?? []).map((item, index) =>
				buildItem(item, `orderData.items[${index}]`, problems),
			),
			shipments: (fields.shipments?.shipment ?? []).map(buildShipment),
		},
	};
	const { orderData } = order;
	setIfFilled(orderData, 'customerName', extra.customerName);
	setIfFilled(orderData, 'email', extra.email);
	const tags = parseTags(extra.tags);
	if (tags) orderData.tags = tags;
	setIfFilled(orderData, 'instructions', extra.instructions);
	setIfFilled(orderData, 'printType', extra.printType);
	setIfFilled(orderData, 'purchaseOrderNumber', extra.purchaseOrderNumber);
	const extraData = readJsonObject(extra.extraData, 'orderData.extraData', problems);
	if (extraData) orderData.extraData = extraData;
	return { order, problems };
}
