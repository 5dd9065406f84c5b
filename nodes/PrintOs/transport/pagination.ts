/**
 * "Return All" and "Limit" over PrintOS list endpoints: `page`/`pagesize` parameters and the
 * `{data, count, page, pages}` envelope (spec §3.2 O5, §3.4). The page size stays fixed across a
 * listing, since pages are offsets of it; once the first page tells how many there are, the rest
 * are fetched a few at a time and kept in order.
 */
import type { IDataObject } from 'n8n-workflow';

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

export interface ListOptions {
	/** Undefined means all. */
	limit?: number;
	paging: PagingSettings;
	/** Pages in flight after the first; the pacer still bounds the rate. */
	parallelPages?: number;
}

export async function listItems(
	client: PrintOsClient,
	request: PrintOsRequest,
	options: ListOptions,
): Promise<IDataObject[]> {
	const { paging, limit } = options;
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
		const { data } = readListEnvelope(await client.request(pageRequest(page)));
		results.push(...data);
		if (enough(results.length) || data.length < pageSize) return results.slice(0, limit);
	}
}
