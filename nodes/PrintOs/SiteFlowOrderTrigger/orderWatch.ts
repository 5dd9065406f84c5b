/**
 * Which orders reached a watched status since the last poll, from the order list alone (docs/printos-api.md#paging:
 * `status` filter, `sort`, `direction`, paging), newest change first, with a bounded memory kept in
 * n8n's static data:
 *
 * - `mark` is the newest `updatedAt` seen, and `atMark` the ids seen at exactly that instant, so the
 *   walk stops where the previous poll began without skipping orders that share a timestamp;
 * - `known` holds the last `KNOWN_LIMIT` order+status pairs announced (or present at the baseline), so
 *   an order touched again while it stays in a status (a tag edit, a component printed) is not
 *   announced twice.
 *
 * The walk reads every page down to the mark, so any number of changes between two polls is seen. A
 * page read while orders leave the status shifts later pages up; the first page's `count` tells, and
 * the walk starts over rather than skip an order.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../transport/client';
import { MAX_LIST_PAGES, readListEnvelope } from '../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../SiteFlow/endpoints';

/** An order+status pair is remembered this long (in pairs) after it was announced. */
export const KNOWN_LIMIT = 2000;
/** At the baseline, this many of the newest orders per watch are remembered as already there. */
export const BASELINE_ORDERS = 500;
const MAX_RESTARTS = 3;

export const ANY_STATUS = '*';

export interface WatchState {
	mark: string | null;
	atMark: string[];
	known: string[];
}

export interface OrderFilters {
	destination?: string;
	tags?: string[];
}

export interface StatusChange {
	order: IDataObject;
	status: string;
	updatedAt: string;
}

function orderData(order: IDataObject): IDataObject {
	return (order.orderData as IDataObject | undefined) ?? {};
}

export function statusOf(order: IDataObject): string {
	return String(orderData(order).status ?? order.status ?? '');
}

/** When the order last changed; Site Flow documents keep `updatedAt` (older ones `modified`). */
export function changedAt(order: IDataObject): string {
	return String(order.updatedAt ?? order.modified ?? order.createdAt ?? '');
}

function time(value: string | null): number {
	const parsed = Date.parse(String(value ?? ''));
	return Number.isFinite(parsed) ? parsed : 0;
}

function pairKey(order: IDataObject, status: string): string {
	return `${String(order._id)}|${status}`;
}

export function matchesFilters(order: IDataObject, filters: OrderFilters): boolean {
	if (filters.destination) {
		const destination = (order.destination as IDataObject | undefined)?.name;
		if (String(destination ?? '').toLowerCase() !== filters.destination.toLowerCase()) return false;
	}
	if (filters.tags?.length) {
		const tags = (orderData(order).tags as unknown[] | undefined)?.map(String) ?? [];
		if (!filters.tags.every((tag) => tags.includes(tag))) return false;
	}
	return true;
}

interface ListPage {
	orders: IDataObject[];
	count?: number;
}

async function readPage(client: PrintOsClient, status: string, page: number, pageSize: number): Promise<ListPage> {
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderList,
		qs: {
			...(status === ANY_STATUS ? {} : { status }),
			sort: 'updatedAt',
			direction: -1,
			[SITE_FLOW_PAGING.pageParameter]: page,
			[SITE_FLOW_PAGING.pageSizeParameter]: pageSize,
		},
		operation: 'Order Trigger: list orders',
	});
	const envelope = readListEnvelope(body);
	return { orders: envelope.data, count: envelope.count };
}

/** Orders changed after the mark, newest first; reads on until the mark or the end of the list. */
async function changedSinceMark(client: PrintOsClient, status: string, state: WatchState): Promise<IDataObject[]> {
	const pageSize = SITE_FLOW_PAGING.maxPageSize;
	const mark = time(state.mark);
	const atMark = new Set(state.atMark);
	for (let attempt = 0; ; attempt++) {
		const seen = new Map<string, IDataObject>();
		let firstCount: number | undefined;
		let shifted = false;
		for (let page = SITE_FLOW_PAGING.firstPage; ; page++) {
			if (page - SITE_FLOW_PAGING.firstPage >= MAX_LIST_PAGES) {
				throw new NodeOperationError(client.node, `More orders changed since the last poll than the trigger reads at once (${MAX_LIST_PAGES * pageSize})`, {
					description:
						'Nothing was announced. Set a later "Announce Orders From" date, or deactivate and activate the workflow to start again from now (the orders in between are then not announced).',
				});
			}
			const { orders, count } = await readPage(client, status, page, pageSize);
			if (page === SITE_FLOW_PAGING.firstPage) firstCount = count;
			else if (firstCount !== undefined && count !== undefined && count < firstCount) shifted = true;
			let reachedMark = false;
			for (const order of orders) {
				const at = time(changedAt(order));
				if (state.mark !== null && at < mark) {
					reachedMark = true;
					break;
				}
				if (state.mark !== null && at === mark && atMark.has(String(order._id))) continue;
				seen.set(String(order._id), order);
			}
			if (reachedMark || orders.length < pageSize || shifted) break;
		}
		if (!shifted || attempt >= MAX_RESTARTS) return [...seen.values()];
	}
}

/** The first poll: nothing is announced; the newest orders are remembered as already there. */
export async function baseline(client: PrintOsClient, status: string): Promise<WatchState> {
	const pageSize = SITE_FLOW_PAGING.maxPageSize;
	const orders: IDataObject[] = [];
	for (let page = SITE_FLOW_PAGING.firstPage; orders.length < BASELINE_ORDERS; page++) {
		const { orders: data } = await readPage(client, status, page, pageSize);
		orders.push(...data);
		if (data.length < pageSize) break;
	}
	const state: WatchState = { mark: null, atMark: [], known: [] };
	for (const order of orders.slice(0, BASELINE_ORDERS)) {
		advanceMark(state, order);
		state.known.push(pairKey(order, statusOf(order)));
	}
	return state;
}

function advanceMark(state: WatchState, order: IDataObject): void {
	const at = changedAt(order);
	if (state.mark === null || time(at) > time(state.mark)) {
		state.mark = at;
		state.atMark = [String(order._id)];
	} else if (time(at) === time(state.mark) && !state.atMark.includes(String(order._id))) {
		state.atMark.push(String(order._id));
	}
}

/**
 * One poll of one watch: the changes to announce, oldest first, and the state to keep. The state
 * given is not modified, so a poll that fails midway leaves the stored state as it was.
 */
export async function pollWatch(
	client: PrintOsClient,
	status: string,
	previous: WatchState,
	filters: OrderFilters,
): Promise<{ changes: StatusChange[]; state: WatchState }> {
	const state: WatchState = { mark: previous.mark, atMark: [...previous.atMark], known: [...previous.known] };
	const known = new Set(state.known);
	const changes: StatusChange[] = [];
	const orders = await changedSinceMark(client, status, previous);
	for (const order of orders.reverse()) {
		advanceMark(state, order);
		const reached = statusOf(order);
		// PrintOS may ignore the undocumented status filter; the list is then filtered here
		if (status !== ANY_STATUS && reached !== status) continue;
		const key = pairKey(order, reached);
		if (known.has(key) || !matchesFilters(order, filters)) continue;
		known.add(key);
		state.known.push(key);
		changes.push({ order, status: reached, updatedAt: changedAt(order) });
	}
	if (state.known.length > KNOWN_LIMIT) state.known = state.known.slice(-KNOWN_LIMIT);
	return { changes, state };
}

/** The newest order of a watch that passes the filters, for the editor's "Fetch Test Event". */
export async function newestMatching(client: PrintOsClient, status: string, filters: OrderFilters): Promise<IDataObject | undefined> {
	const pageSize = SITE_FLOW_PAGING.maxPageSize;
	for (let page = SITE_FLOW_PAGING.firstPage; page < SITE_FLOW_PAGING.firstPage + 5; page++) {
		const { orders } = await readPage(client, status, page, pageSize);
		const found = orders.find((order) => (status === ANY_STATUS || statusOf(order) === status) && matchesFilters(order, filters));
		if (found || orders.length < pageSize) return found;
	}
	return undefined;
}
