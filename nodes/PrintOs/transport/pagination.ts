/**
 * "Return All" and "Limit" over PrintOS list endpoints: `page`/`pagesize` parameters and the
 * `{data, count, page, pages}` envelope (docs/printos-api.md#paging). The page size stays fixed across a
 * listing, since pages are offsets of it; once the first page tells how many there are, the rest
 * are fetched a few at a time and kept in order. A listing never reads more than `MAX_LIST_PAGES`:
 * a page count beyond it, or pages that never end, stop with an error instead of endless requests.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient, PrintOsRequest } from './client';

export interface PagingSettings {
	pageParameter: string;
	pageSizeParameter: string;
	firstPage: number;
	maxPageSize: number;
}

export interface ListEnvelope {
	data: IDataObject[];
	pages?: number;
	count?: number;
}

export function readListEnvelope(body: unknown): ListEnvelope {
	if (Array.isArray(body)) return { data: body as IDataObject[], pages: 1, count: body.length };
	const object = (body ?? {}) as IDataObject;
	for (const key of ['data', 'items', 'results']) {
		if (Array.isArray(object[key])) {
			const pages = Number(object.pages);
			const count = Number(object.count);
			return {
				data: object[key] as IDataObject[],
				pages: Number.isFinite(pages) && pages > 0 ? pages : undefined,
				count: Number.isFinite(count) ? count : undefined,
			};
		}
	}
	return { data: [], pages: 1 };
}

/** 10,000 pages of 100: more than any account's list, far less than a broken or hostile answer asks for. */
export const MAX_LIST_PAGES = 10_000;

export interface ListOptions {
	/** Undefined means all. */
	limit?: number;
	paging: PagingSettings;
	/** Pages in flight after the first; the pacer still bounds the rate. */
	parallelPages?: number;
	/** The most pages one listing reads; `MAX_LIST_PAGES` unless a caller needs fewer. */
	maxPages?: number;
}

function tooManyPages(client: PrintOsClient, request: PrintOsRequest, maxPages: number, claimedPages?: number): NodeOperationError {
	const what = request.operation ?? `${request.endpoint.method} ${request.endpoint.path}`;
	const found =
		claimedPages !== undefined
			? `PrintOS answered that the list has ${claimedPages} pages`
			: `PrintOS still answered full pages after ${maxPages} pages`;
	return new NodeOperationError(client.node, `${what}: ${found}; the node reads at most ${maxPages} pages`, {
		itemIndex: request.itemIndex,
		description: 'Nothing more was requested. Turn off Return All and set a Limit, or narrow the list with a filter.',
	});
}

export async function listItems(
	client: PrintOsClient,
	request: PrintOsRequest,
	options: ListOptions,
): Promise<IDataObject[]> {
	const { paging, limit } = options;
	const maxPages = options.maxPages ?? MAX_LIST_PAGES;
	const pageSize = Math.max(1, Math.min(limit ?? paging.maxPageSize, paging.maxPageSize));
	const pageRequest = (page: number): PrintOsRequest => ({
		...request,
		qs: { ...(request.qs ?? {}), [paging.pageParameter]: page, [paging.pageSizeParameter]: pageSize },
	});
	const enough = (count: number) => limit !== undefined && count >= limit;

	const first = readListEnvelope(await client.request(pageRequest(paging.firstPage)));
	const results: IDataObject[] = [...first.data];
	if (enough(results.length) || first.data.length < pageSize) return results.slice(0, limit);

	if (first.pages !== undefined) {
		const lastPage = paging.firstPage + first.pages - 1;
		const neededPages =
			limit === undefined ? lastPage : Math.min(lastPage, paging.firstPage + Math.ceil(limit / pageSize) - 1);
		if (neededPages - paging.firstPage + 1 > maxPages) throw tooManyPages(client, request, maxPages, first.pages);
		const pageNumbers: number[] = [];
		for (let page = paging.firstPage + 1; page <= neededPages; page++) pageNumbers.push(page);
		const pages: IDataObject[][] = new Array(pageNumbers.length);
		let next = 0;
		const worker = async () => {
			while (next < pageNumbers.length) {
				const index = next++;
				pages[index] = readListEnvelope(await client.request(pageRequest(pageNumbers[index]))).data;
			}
		};
		const workers = Math.max(1, Math.min(options.parallelPages ?? 4, pageNumbers.length));
		await Promise.all(Array.from({ length: workers }, worker));
		for (const data of pages) results.push(...data);
		return results.slice(0, limit);
	}

	// No page count in the envelope: walk until a short page.
	for (let page = paging.firstPage + 1; ; page++) {
		if (page - paging.firstPage + 1 > maxPages) throw tooManyPages(client, request, maxPages);
		const { data } = readListEnvelope(await client.request(pageRequest(page)));
		results.push(...data);
		if (enough(results.length) || data.length < pageSize) return results.slice(0, limit);
	}
}
