/**
 * The Site Flow order document as the node sends it (docs/printos-api.md#order-document). Only the fields the node builds or
 * checks are typed; anything else a user puts in JSON mode travels through untouched, since Site Flow
 * ignores unknown fields.
 */
import type { IDataObject } from 'n8n-workflow';

export interface OrderAddress extends IDataObject {
	name: string;
	companyName?: string;
	address1: string;
	address2?: string;
	address3?: string;
	town: string;
	state?: string;
	postcode: string;
	isoCountry: string;
	country?: string;
	phone?: string;
	email?: string;
}

/** Either `{code, service}` or `{alias}`. */
export interface OrderCarrier extends IDataObject {
	code?: string;
	service?: string;
	alias?: string;
}

export interface OrderComponent extends IDataObject {
	code: string;
	path?: string;
	fetch?: boolean;
	localFile?: boolean;
	attributes?: IDataObject;
}

export interface OrderItem extends IDataObject {
	sourceItemId: string;
	sku?: string;
	sourceProductId?: string;
	quantity: number;
	shipmentIndex?: number;
	components: OrderComponent[];
}

export interface OrderShipment extends IDataObject {
	shipTo: OrderAddress;
	returnAddress?: OrderAddress;
	carrier: OrderCarrier;
}

export interface OrderData extends IDataObject {
	sourceOrderId: string;
	customerName?: string;
	email?: string;
	tags?: string[];
	items: OrderItem[];
	shipments: OrderShipment[];
}

export interface SiteFlowOrder extends IDataObject {
	destination: { name: string } & IDataObject;
	orderData: OrderData;
}

/** One local finding: `path` is where in the order, in the same notation PrintOS uses. */
export interface OrderProblem {
	path: string;
	message: string;
}
