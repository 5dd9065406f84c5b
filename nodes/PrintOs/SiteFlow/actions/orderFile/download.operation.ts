/**
 * Order File: Download. The order (a documented call) lists its files; each is streamed into n8n's
 * binary data through `shared/download/downloadToBinary.ts`, one output item per file, with the
 * component (and item) it belongs to. An order without a file of the chosen kind fails its item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryOutputProperty } from '../../../shared/download/binaryOutput';
import { downloadToBinary, hasExtension } from '../../../shared/download/downloadToBinary';
import { resolveMimeType } from '../../../shared/upload/mimeTypes';
import type { PrintOsClient } from '../../../transport/client';
import { orderLocator } from '../../descriptions/locators';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { getOrderById } from '../../order/readOrder';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { requiredText } from '../../../shared/node/parameters';

const OPERATION = 'Order File: Download';

const FILE_TYPE_OPTIONS = [
	{ name: 'All Files of the Order', value: 'all' },
	{ name: 'Artwork Only', value: 'artwork' },
];

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(SITE_FLOW_ENDPOINTS.fileDownload),
	orderLocator('The order whose files to download'),
	{
		displayName: 'Files',
		name: 'fileTypes',
		type: 'options',
		options: FILE_TYPE_OPTIONS,
		default: 'all',
		description: 'An order without a file of this kind fails its item (to the error output with On Error: Continue)',
	},
	binaryOutputProperty,
];

interface ComponentPlace {
	component: IDataObject;
	item: IDataObject;
}

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Components by their `_id`, and by the file they point at, with the item each belongs to. */
function componentsOf(order: IDataObject): { byId: Map<string, ComponentPlace>; byFile: Map<string, ComponentPlace> } {
	const byId = new Map<string, ComponentPlace>();
	const byFile = new Map<string, ComponentPlace>();
	for (const item of asList((order.orderData as IDataObject | undefined)?.items)) {
		for (const component of asList(item.components)) {
			if (component._id) byId.set(String(component._id), { component, item });
			if (component.fileId) byFile.set(String(component.fileId), { component, item });
		}
	}
	return { byId, byFile };
}

function lastSegment(path: unknown): string | undefined {
	const text = String(path ?? '').split(/[?#]/)[0];
	const last = text.split('/').filter(Boolean).pop();
	try {
		return last ? decodeURIComponent(last) : undefined;
	} catch {
		return last;
	}
}

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredText(this, 'orderId', itemIndex, 'Order');
	const fileTypes = this.getNodeParameter('fileTypes', itemIndex, 'all') as string;
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') || 'data');
	const order = await getOrderById(client, orderId, itemIndex);
	const components = componentsOf(order);
	const listed = asList(order.files);
	const files = listed.filter((file) => fileTypes === 'all' || (file.type ?? 'artwork') === 'artwork');
	if (files.length === 0) {
		// an item that yields nothing would vanish from the run without a trace, so it fails instead
		const filter = FILE_TYPE_OPTIONS.find((option) => option.value === fileTypes)?.name ?? fileTypes;
		throw new NodeOperationError(this.getNode(), `Order ${String(order._id ?? orderId)} has no file to download with Files "${filter}" [item ${itemIndex}]`, {
			itemIndex,
			description:
				listed.length === 0
					? 'Site Flow lists no files for this order.'
					: `Site Flow lists ${listed.length} file(s) for this order, none of them artwork. Choose "All Files of the Order" to download them.`,
		});
	}

	const output: INodeExecutionData[] = [];
	// One file at a time: each is a stream to disk, and the node's items already run in parallel
	for (const file of files) {
		const fileId = String(file._id ?? '');
		if (!fileId) {
			throw new NodeOperationError(this.getNode(), `PrintOS listed a file of order ${orderId} without an id, so it cannot be downloaded [item ${itemIndex}]`, {
				itemIndex,
			});
		}
		const place = components.byId.get(String(file.componentId ?? '')) ?? components.byFile.get(fileId);
		// A name only where one of the order's URLs ends in a real file name: an uploaded file's storage
		// URL ends in an id, and then the storage's answer (or the component code) names it.
		const fileName = [file.name, file.fileName, file.path, file.fetchUrl, place?.component.path]
			.map(lastSegment)
			.find(hasExtension);
		const binary = await downloadToBinary(
			this,
			client,
			{ service: 'siteFlow', endpoint: SITE_FLOW_ENDPOINTS.fileDownload, pathParams: { fileId } },
			{
				fileName,
				fallbackBaseName: String(place?.component.code ?? fileId),
				mimeType: fileName ? resolveMimeType({ fileName }) : undefined,
				itemIndex,
				operation: `${OPERATION} (file ${fileName ?? fileId})`,
			},
		);
		output.push({
			json: {
				orderId: order._id ?? orderId,
				sourceOrderId: (order.orderData as IDataObject | undefined)?.sourceOrderId,
				fileId,
				type: file.type,
				status: file.status,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
				component: place
					? {
							_id: place.component._id,
							code: place.component.code,
							sourceComponentId: place.component.sourceComponentId,
							itemId: place.item._id,
							sourceItemId: place.item.sourceItemId,
						}
					: null,
			},
			binary: { [binaryPropertyName]: binary },
		});
	}
	return output;
}
