import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openBinarySource } from '../../../shared/upload/binarySource';
import { putFile } from '../../../shared/upload/presignedUpload';
import type { PrintOsClient } from '../../../transport/client';
import { artworkMimeType } from '../../artwork/artworkMimeType';
import { filesToUpload, matchFilesToBinaries, type OrderFile } from '../../artwork/matchOrderFiles';
import { orderLocator } from '../../descriptions/locators';
import { getOrderById, unwrapOrder } from '../../order/readOrder';
import { optionalText, requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Order From',
		name: 'orderSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Input Item',
				value: 'inputItem',
				description: "The input item is the submitted order, e.g. the output of Order > Submit, with its files' upload URLs",
			},
			{ name: 'Order ID', value: 'orderId', description: 'Read the order from Site Flow' },
		],
		default: 'inputItem',
	},
	{ ...orderLocator('The submitted order'), displayOptions: { show: { orderSource: ['orderId'] } } },
	{
		displayName: 'Input Binary Fields',
		name: 'binaryPropertyNames',
		type: 'string',
		default: '',
		placeholder: 'data, cover',
		description:
			"Comma-separated binary fields holding the files; empty uses all of them. Each file goes to the component whose artwork path is the binary's file name or field name; a single file and a single binary always pair.",
	},
];

function selectBinaries(
	context: IExecuteFunctions,
	itemIndex: number,
	names: string,
): Record<string, IBinaryData> {
	const all = context.getInputData()[itemIndex]?.binary ?? {};
	const wanted = names.split(',').map((name) => name.trim()).filter((name) => name !== '');
	if (!wanted.length) return all;
	const selected: Record<string, IBinaryData> = {};
	for (const name of wanted) selected[name] = context.helpers.assertBinaryData(itemIndex, name);
	return selected;
}

function describeFile(file: OrderFile): string {
	return `"${file.path}"${file.componentId ? ` (component ${file.componentId})` : ''}`;
}

/**
 * Uploads the bytes of every file of a submitted order that Site Flow will neither fetch nor find
 * at the PSP. Every file must have its binary before the first byte is sent.
 */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const source = this.getNodeParameter('orderSource', itemIndex, 'inputItem') as 'inputItem' | 'orderId';
	const binaries = selectBinaries(this, itemIndex, optionalText(this, 'binaryPropertyNames', itemIndex));
	const order =
		source === 'orderId'
			? await getOrderById(client, requiredText(this, 'orderId', itemIndex, 'Order'), itemIndex, 'Order Artwork: Upload Order Files')
			: unwrapOrder(this.getInputData()[itemIndex]?.json);

	const files = filesToUpload(order);
	const { matches, unmatched } = matchFilesToBinaries(files, binaries);
	if (unmatched.length) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: no input binary for the order's file ${describeFile(unmatched[0])}`, {
			itemIndex,
			description: `Files needing an upload: ${files.map(describeFile).join(', ')}. Binary fields: ${Object.keys(binaries).join(', ') || 'none'}. Nothing was uploaded.`,
		});
	}
	const withoutUrl = matches.find((match) => !match.file.uploadUrl);
	if (withoutUrl) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: the order's file ${describeFile(withoutUrl.file)} has no upload URL`, {
			itemIndex,
			description:
				'Site Flow hands out upload URLs in the answer to the submission: use the output of Order > Submit as the input item. Nothing was uploaded.',
		});
	}

	const uploaded: IDataObject[] = [];
	for (const { file, binaryProperty } of matches) {
		const artwork = await openBinarySource(this, itemIndex, binaryProperty, artworkMimeType(binaries[binaryProperty]));
		const put = await putFile(this, client, file.uploadUrl as string, artwork, itemIndex, 'Order Artwork: Upload Order Files');
		uploaded.push({
			fileId: file.fileId,
			componentId: file.componentId,
			path: file.path,
			binaryProperty,
			bytes: artwork.contentLength,
			uploadAttempts: put.attempts,
		});
	}
	const orderData = (order.orderData ?? {}) as IDataObject;
	return {
		orderId: order._id,
		sourceOrderId: orderData.sourceOrderId,
		uploaded,
		...(files.length ? {} : { note: 'No file of this order needs an upload: its artwork is fetched from URLs or already at the PSP' }),
	};
}
