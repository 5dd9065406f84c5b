import type { IDataObject } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import type { Endpoint } from '../../transport/endpoint';

/**
 * What a delete returns: PrintOS's answer when it sends one (the shape is not published), always
 * with `deleted: true` and the ID, so the next node can rely on something.
 */
export function deletionResult(ids: Record<string, string>, response: unknown): IDataObject {
	const answer =
		response && typeof response === 'object' && !Array.isArray(response) ? (response as IDataObject) : {};
	return { ...answer, deleted: true, ...ids };
}

/**
 * Deletes one Box object. A 404 to a repeat whose first attempt lost its answer means that attempt
 * deleted it (the endpoint's `repeatRefusal`): the item succeeds, without the 404's body.
 */
export async function deleteBoxObject(
	client: PrintOsClient,
	request: { endpoint: Endpoint; ids: Record<string, string>; itemIndex: number; operation: string },
): Promise<IDataObject> {
	const response = await client.requestWithResponse({
		service: 'box',
		endpoint: request.endpoint,
		pathParams: request.ids,
		itemIndex: request.itemIndex,
		operation: request.operation,
	});
	if (response.confirmedByRepeat) return { deleted: true, ...request.ids, confirmedByRepeat: true };
	return deletionResult(request.ids, response.body);
}

/** PrintOS lists come as arrays of objects or of plain names (substrates); n8n items need objects. */
export function asObjects(entries: unknown[], nameKey = 'name'): IDataObject[] {
	return entries.map((entry) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? (entry as IDataObject)
			: { [nameKey]: entry as string },
	);
}
