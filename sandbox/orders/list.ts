/**
 * Site Flow list paging (`page`, `pagesize`; envelope `{data, count, page, pages, success}`;
 * docs/printos-api.md#paging). Orders are stored oldest first, so the default and `_id`/creation sorts are slices.
 */
import { SITE_FLOW_PAGING } from '../../nodes/PrintOs/SiteFlow/endpoints';
import type { Json } from '../types';

export const DEFAULT_PAGE_SIZE = 10;

export interface Page<T> {
	data: T[];
	count: number;
	page: number;
	pages: number;
	success: true;
}

export function pageParameters(query: URLSearchParams): { page: number; pagesize: number } {
	const page = Math.floor(Number(query.get(SITE_FLOW_PAGING.pageParameter) ?? SITE_FLOW_PAGING.firstPage));
	const size = Math.floor(Number(query.get(SITE_FLOW_PAGING.pageSizeParameter) ?? DEFAULT_PAGE_SIZE));
	return {
		page: Number.isFinite(page) && page >= 1 ? page : 1,
		pagesize: Number.isFinite(size) && size >= 1 ? Math.min(size, SITE_FLOW_PAGING.maxPageSize) : DEFAULT_PAGE_SIZE,
	};
}

export function paginate<T>(list: T[], query: URLSearchParams, newestFirst = false): Page<T> {
	const { page, pagesize } = pageParameters(query);
	const count = list.length;
	const start = (page - 1) * pagesize;
	const end = Math.min(count, start + pagesize);
	const data: T[] = [];
	for (let index = start; index < end; index++) data.push(list[newestFirst ? count - 1 - index : index]);
	return { data, count, page, pages: Math.ceil(count / pagesize), success: true };
}

const CREATION_ORDER = new Set(['_id', 'id', 'createdAt', 'created']);
const ALIASES: Record<string, string> = {
	status: 'orderData.status',
	sourceOrderId: 'orderData.sourceOrderId',
	source: 'source.name',
	destination: 'destination.name',
	date: 'orderData.date',
};

function valueAt(document: Json, path: string): unknown {
	let value: unknown = document;
	for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Json)[key] : undefined;
	return value;
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === undefined || a === null) return 1;
	if (b === undefined || b === null) return -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a) < String(b) ? -1 : 1;
}

/** GET /order: `status` filter (comma-separated), `sort` and `direction` (1 or -1). */
export function listOrders(orders: Json[], query: URLSearchParams): Page<Json> {
	const statuses = (query.get('status') ?? '').split(',').map((status) => status.trim()).filter(Boolean);
	const list = statuses.length ? orders.filter((order) => statuses.includes(order.orderData.status)) : orders;
	const direction = query.get('direction') === '-1' || query.get('direction')?.toLowerCase() === 'desc' ? -1 : 1;
	const sort = query.get('sort');
	if (!sort || CREATION_ORDER.has(sort)) return paginate(list, query, direction === -1);
	const path = ALIASES[sort] ?? sort;
	const sorted = [...list].sort((a, b) => direction * compare(valueAt(a, path), valueAt(b, path)));
	return paginate(sorted, query);
}
