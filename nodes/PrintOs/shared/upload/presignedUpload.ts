/**
 * The presigned upload both nodes make: ask PrintOS for an upload URL for a MIME type (Box
 * `uploadurls`, Site Flow `getpreupload`), read the URL and the reference to the stored file from the
 * answer, and PUT the bytes there unsigned (presignedPut.ts). The answers' property names are not
 * published, so each endpoint table lists candidate names and the first present one wins.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import type { PrintOsService } from '../../transport/connection';
import type { Endpoint } from '../../transport/endpoint';
import { putToPresignedUrl, type PresignedPutResult, type UploadBody } from './presignedPut';

/** Candidate property names of an upload URL answer. */
export interface UploadUrlNames {
	/** Where the bytes are PUT. */
	upload: readonly string[];
	/** What refers to the stored file afterwards (Box: the fetch URL; Site Flow: a component path). */
	reference: readonly string[];
}

export interface UploadTarget {
	uploadUrl?: string;
	reference?: string;
	/** The answer (inside a `{data: {...}}` envelope, if it came in one), which may hold more. */
	answer: IDataObject;
}

function asObject(value: unknown): IDataObject | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

function firstText(object: IDataObject, names: readonly string[]): string | undefined {
	for (const name of names) {
		const value = object[name];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	return undefined;
}

/** The target of an answer, bare or as `{data: {...}}`; undefined fields mean the answer lacks them. */
export function readUploadTarget(body: unknown, names: UploadUrlNames): UploadTarget {
	const outer = asObject(body) ?? {};
	const answer = asObject(outer.data) ?? outer;
	return { uploadUrl: firstText(answer, names.upload), reference: firstText(answer, names.reference), answer };
}

export interface UploadTargetRequest {
	service: PrintOsService;
	endpoint: Endpoint;
	names: UploadUrlNames;
	/** Named in the error when the answer lacks the reference and the caller cannot do without it. */
	requiredReference?: string;
	mimeType: string;
	itemIndex: number;
	operation: string;
}

/** Asks PrintOS for an upload target; an answer without the URLs the upload needs fails the item. */
export async function requestUploadTarget(
	context: IExecuteFunctions,
	client: PrintOsClient,
	request: UploadTargetRequest,
): Promise<UploadTarget & { uploadUrl: string }> {
	const { itemIndex } = request;
	const body = await client.request({
		service: request.service,
		endpoint: request.endpoint,
		qs: { mimeType: request.mimeType },
		itemIndex,
		operation: request.operation,
	});
	const target = readUploadTarget(body, request.names);
	const missing = !target.uploadUrl ? 'an upload URL' : !target.reference && request.requiredReference;
	if (!target.uploadUrl || missing) {
		throw new NodeOperationError(
			context.getNode(),
			`PrintOS answered the upload URL request without ${missing} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `The answer held the fields ${Object.keys(target.answer).join(', ') || 'none'}. Run the operation again; if this repeats, PrintOS has changed this answer (see "Limits and known uncertainties" in the package README).`,
			},
		);
	}
	return { ...target, uploadUrl: target.uploadUrl };
}

/** PUTs the bytes to a presigned URL with the client's timeout and retry settings. */
export async function putFile(
	context: IExecuteFunctions,
	client: PrintOsClient,
	uploadUrl: string,
	body: UploadBody,
	itemIndex: number,
	operation: string,
): Promise<PresignedPutResult> {
	// an upload is a request too: while the batch is checked, nothing leaves (transport/items.ts)
	client.batch.beforeRequest();
	return await putToPresignedUrl(context, uploadUrl, body, {
		timeoutMs: client.settings.timeoutMs,
		retry: client.settings.retry,
		itemIndex,
		operation,
	});
}
