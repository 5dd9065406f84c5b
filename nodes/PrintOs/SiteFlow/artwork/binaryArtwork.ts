/**
 * An input item's binary property as an upload body. When n8n keeps the binary outside the item
 * (filesystem or S3 binary mode: the binary has an `id`) the bytes are streamed from there, with the
 * size from n8n's metadata, so a large PDF is never held in memory; otherwise the in-item buffer is used.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** n8n's binary stream type, named without importing `stream` (community nodes may not). */
export type BinaryStream = Awaited<ReturnType<IExecuteFunctions['helpers']['getBinaryStream']>>;

export interface ArtworkBody {
	propertyName: string;
	fileName?: string;
	mimeType: string;
	/** Sent as Content-Length: presigned storage PUTs refuse chunked bodies. */
	contentLength: number;
	/** Opens the bytes; called once per attempt, since a stream can be read only once. */
	open: () => Promise<BinaryStream | Buffer>;
}

export function binaryOf(context: IExecuteFunctions, itemIndex: number, propertyName: string): IBinaryData {
	const name = propertyName.trim();
	if (!name) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: "Input Binary Field" is empty`, {
			itemIndex,
			description: 'Name the binary property of the input item that holds the file, usually "data"',
		});
	}
	return context.helpers.assertBinaryData(itemIndex, name);
}

export async function openArtwork(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	mimeTypeOverride = '',
): Promise<ArtworkBody> {
	const name = propertyName.trim();
	const binary = binaryOf(context, itemIndex, name);
	let contentLength: number;
	let open: ArtworkBody['open'];
	if (binary.id) {
		const binaryDataId = binary.id;
		contentLength = Number((await context.helpers.getBinaryMetadata(binaryDataId)).fileSize);
		open = async () => await context.helpers.getBinaryStream(binaryDataId);
	} else {
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, name);
		contentLength = buffer.length;
		open = async () => buffer;
	}
	if (!Number.isFinite(contentLength) || contentLength <= 0) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the binary field "${name}" is empty`, {
			itemIndex,
		});
	}
	return {
		propertyName: name,
		fileName: binary.fileName,
		mimeType: mimeTypeOverride.trim() || binary.mimeType || 'application/pdf',
		contentLength,
		open,
	};
}
