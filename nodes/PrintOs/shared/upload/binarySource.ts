/**
 * An input item's binary property as something to upload: its MIME type, its size and a way to open
 * its bytes. When n8n keeps the binary outside the item (filesystem or S3 binary mode: the binary has
 * an `id`) the bytes are streamed from there and the size comes from n8n's metadata, so a large file
 * is never held in memory. In memory mode the bytes already are in the item; they are decoded once.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BinaryStream, UploadBody } from './presignedPut';

export interface BinarySource extends UploadBody {
	binary: IBinaryData;
	propertyName: string;
}

/** Fails with n8n's own message (naming the property and the item) when the property is missing. */
export function describeBinary(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): IBinaryData {
	if (!propertyName.trim()) {
		throw new NodeOperationError(context.getNode(), `The "Input Binary Field" parameter is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Name the binary property of the input item that holds the file, usually "data"',
		});
	}
	return context.helpers.assertBinaryData(itemIndex, propertyName.trim());
}

/**
 * `contentType` is the caller's decision (each node has its own rules for it, see `mimeTypes.ts`);
 * it is sent as the PUT's Content-Type.
 */
export async function openBinarySource(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	contentType: string,
): Promise<BinarySource> {
	const name = propertyName.trim();
	const binary = describeBinary(context, itemIndex, name);
	let contentLength: number;
	let open: () => Promise<BinaryStream | Buffer>;

	if (binary.id) {
		const binaryDataId = binary.id;
		const metadata = await context.helpers.getBinaryMetadata(binaryDataId);
		contentLength = Number(metadata.fileSize);
		open = async () => await context.helpers.getBinaryStream(binaryDataId);
	} else {
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, name);
		contentLength = buffer.length;
		open = async () => buffer;
	}

	if (!Number.isFinite(contentLength) || contentLength <= 0) {
		throw new NodeOperationError(context.getNode(), `The binary field '${name}' is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'The input file has no bytes, so there is nothing to upload',
		});
	}
	return { binary, propertyName: name, contentType, contentLength, open };
}
