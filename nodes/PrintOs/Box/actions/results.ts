import type { IDataObject } from 'n8n-workflow';

/**
 * What a delete returns: PrintOS's answer when it sends one (the shape is not published), always
 * with `deleted: true` and the ID, so the next node can rely on something.
 */
export function deletionResult(ids: IDataObject, response: unknown): IDataObject {
	const answer =
		response && typeof response === 'object' && !Array.isArray(response) ? (response as IDataObject) : {};
	return { ...answer, deleted: true, ...ids };
}

/** PrintOS lists come as arrays of objects or of plain names (substrates); n8n items need objects. */
export function asObjects(entries: unknown[], nameKey = 'name'): IDataObject[] {
	return entries.map((entry) =>
		entry && typeof entry === 'object' && !Array.isArray(entry)
			? (entry as IDataObject)
			: { [nameKey]: entry as string },
	);
}
