/**
 * Site Flow trigger events (docs/printos-api.md#postback-events). Site Flow's trigger form names them; the payload carries
 * whatever the template writes, so names are matched loosely (case, spaces, `-`, `_`, `.` ignored)
 * and the older names HP used (docs/printos-api.md#postback-events) are aliases.
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

/** Names exactly as the recommended template writes them, looked up without normalising. */
const EVENTS_BY_EXACT_NAME = new Map<string, SiteFlowEvent>();
for (const event of SITE_FLOW_EVENTS) {
	for (const name of [event.name, event.value, ...(event.aliases ?? [])]) EVENTS_BY_EXACT_NAME.set(name, event);
}

export function findEventByName(name: unknown): SiteFlowEvent | undefined {
	if (typeof name !== 'string' || !name) return undefined;
	return EVENTS_BY_EXACT_NAME.get(name) ?? EVENTS_BY_NAME.get(normaliseEventName(name));
}

export function findEventByStatus(status: unknown): SiteFlowEvent | undefined {
	if (typeof status !== 'string' || !status) return undefined;
	return EVENTS_BY_STATUS.get(normaliseEventName(status));
}

/** The `events` parameter value that lets every postback through, unknown event names included. */
export const ALL_EVENTS = '*';

/**
 * Which events a trigger lets through, computed once per distinct `events` parameter value.
 * Unknown event names (not in SITE_FLOW_EVENTS) pass only when "All Events" is selected.
 */
export interface EventFilter {
	all: boolean;
	values: ReadonlySet<string>;
}

const FILTER_CACHE = new Map<string, EventFilter>();
const FILTER_CACHE_LIMIT = 256;

export function eventFilterFor(selected: readonly string[] | undefined): EventFilter {
	const list = Array.isArray(selected) ? selected : [];
	const key = list.join('\u0001');
	let filter = FILTER_CACHE.get(key);
	if (filter === undefined) {
		const values = new Set<string>();
		for (const value of list) {
			const event = findEventByName(value);
			if (event) values.add(event.value);
		}
		// an empty selection means "all", like the "All Events" option
		filter = { all: list.length === 0 || list.includes(ALL_EVENTS), values };
		if (FILTER_CACHE.size >= FILTER_CACHE_LIMIT) FILTER_CACHE.clear();
		FILTER_CACHE.set(key, filter);
	}
	return filter;
}

export function isEventWanted(filter: EventFilter, event: SiteFlowEvent | undefined): boolean {
	if (filter.all) return true;
	return event !== undefined && filter.values.has(event.value);
}
