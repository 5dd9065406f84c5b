/**
 * Site Flow trigger events (spec §4.2). Site Flow's trigger form names them; the payload carries
 * whatever the template writes, so names are matched loosely (case, spaces, `-`, `_`, `.` ignored)
 * and the older names HP used (S14) are aliases.
 */
export interface SiteFlowEvent {
	/** The name as Site Flow's trigger form shows it; the recommended template writes it verbatim. */
	name: string;
	/** Stable identifier used in node parameters. */
	value: string;
	description: string;
	aliases?: string[];
	/** The order or shipment status a payload without an event field implies (fallback). */
	impliedByStatus?: string[];
}

export const SITE_FLOW_EVENTS: SiteFlowEvent[] = [
	{
		name: 'Order Received',
		value: 'orderReceived',
		description: 'Order accepted by Site Flow; artwork not yet retrieved',
		impliedByStatus: ['received', 'dataready', 'accepted'],
	},
	{
		name: 'Order Printready',
		value: 'orderPrintReady',
		description: 'Artwork retrieved; the order is ready for production',
		aliases: ['Order Print Ready', 'Order PrintReady'],
		impliedByStatus: ['printready'],
	},
	{
		name: 'Component Printed',
		value: 'componentPrinted',
		description: 'A component of an item has printed',
		impliedByStatus: ['printed'],
	},
	{
		name: 'Order Cancelled',
		value: 'orderCancelled',
		description: 'Cancelled by the brand, the consumer, the PSP or over the API',
		impliedByStatus: ['cancelled', 'canceled'],
	},
	{
		name: 'Order Errored',
		value: 'orderErrored',
		description: 'Artwork unavailable or failed preflight (12 hours after submission)',
		impliedByStatus: ['error', 'errored'],
	},
	{
		name: 'Order Submission Error',
		value: 'orderSubmissionError',
		description: 'An order sent to the asynchronous order service was refused',
		impliedByStatus: ['submissionerror', 'order submission error'],
	},
	{
		name: 'Order Reprinted',
		value: 'orderReprinted',
		description: 'An order or item was sent to print again',
		impliedByStatus: ['reprinted'],
	},
	{
		name: 'Shipment Shipped',
		value: 'shipmentShipped',
		description: 'A shipment has shipped; tracking fields are available',
		aliases: ['Shipment Dispatched'],
		impliedByStatus: ['shipped', 'dispatched'],
	},
	{
		name: 'Shipment Updated',
		value: 'shipmentUpdated',
		description: 'A shipment of a live order was updated',
	},
	{ name: 'Stock Alert', value: 'stockAlert', description: 'A stock item fell below its alert level' },
	{ name: 'Sub-Batch Created', value: 'subBatchCreated', description: 'A sub-batch was created' },
	{ name: 'Sub-Batch Completed', value: 'subBatchCompleted', description: 'A sub-batch was completed' },
	{
		name: 'Sub-Batch Imposition Job Failed',
		value: 'subBatchImpositionJobFailed',
		description: 'Imposition of a sub-batch failed',
	},
	{ name: 'Sub-Batch Reverted', value: 'subBatchReverted', description: 'A sub-batch was reverted' },
	{ name: 'Sub-Batch Scanned', value: 'subBatchScanned', description: 'A sub-batch was scanned' },
	{
		name: 'Sub-Batch Send To Device',
		value: 'subBatchSendToDevice',
		description: 'A sub-batch was sent to a device',
	},
];

export function normaliseEventName(name: string): string {
	return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

const EVENTS_BY_NAME = new Map<string, SiteFlowEvent>();
for (const event of SITE_FLOW_EVENTS) {
	for (const name of [event.name, event.value, ...(event.aliases ?? [])]) {
		EVENTS_BY_NAME.set(normaliseEventName(name), event);
	}
}

const EVENTS_BY_STATUS = new Map<string, SiteFlowEvent>();
for (const event of SITE_FLOW_EVENTS) {
	for (const status of event.impliedByStatus ?? []) {
		EVENTS_BY_STATUS.set(normaliseEventName(status), event);
	}
}

export function findEventByName(name: unknown): SiteFlowEvent | undefined {
	if (typeof name !== 'string' || !name) return undefined;
	return EVENTS_BY_NAME.get(normaliseEventName(name));
}

export function findEventByStatus(status: unknown): SiteFlowEvent | undefined {
	if (typeof status !== 'string' || !status) return undefined;
	return EVENTS_BY_STATUS.get(normaliseEventName(status));
}
