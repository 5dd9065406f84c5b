/**
 * A test-only node that sends one request per item through the shared transport, so the transport's
 * rules are exercised inside n8n's real execution context exactly as our nodes use them.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { PrintOsClient } from '../../nodes/PrintOs/transport/client';
import type { Endpoint, HttpMethod } from '../../nodes/PrintOs/transport/endpoint';
import { runItems } from '../../nodes/PrintOs/transport/items';
import { listItems } from '../../nodes/PrintOs/transport/pagination';
import type { RetrySettings } from '../../nodes/PrintOs/transport/retryPolicy';
import { readRequestOptions, requestOptionsProperty } from '../../nodes/PrintOs/shared/requestOptions';
import { SITE_FLOW_PAGING } from '../../nodes/PrintOs/SiteFlow/endpoints';

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends requests through the PrintOS transport',
		defaults: { name: 'Transport Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'printOsApi', required: false },
			{ name: 'siteFlowApi', required: false },
		],
		properties: [
			{ displayName: 'Credential', name: 'credentialType', type: 'string', default: 'siteFlowApi' },
			{ displayName: 'Service', name: 'service', type: 'string', default: 'siteFlow' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/account' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'List', name: 'list', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 0 },
			{ displayName: 'Max Pages', name: 'maxPages', type: 'number', default: 0 },
			{ displayName: 'Query', name: 'query', type: 'json', default: '' },
			{ displayName: 'Repeat Refusal Status', name: 'repeatRefusalStatus', type: 'number', default: 0 },
			{ displayName: 'Repeat Refusal Message', name: 'repeatRefusalMessage', type: 'string', default: '' },
			{ displayName: 'Max Request Ms', name: 'maxRequestMs', type: 'number', default: 0 },
			{ displayName: 'Retry Settings', name: 'retrySettings', type: 'json', default: '' },
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const settings = readRequestOptions(this);
		// the transport's deadline has no Request Option; tests shorten it here
		const maxRequestMs = this.getNodeParameter('maxRequestMs', 0, 0) as number;
		if (maxRequestMs) settings.client.retry = { ...settings.client.retry!, maxRequestMs };
		const credentialType = this.getNodeParameter('credentialType', 0) as 'printOsApi' | 'siteFlowApi';
		// settings the node's Request Options do not expose (total-wait budget, jitter), for exact retry counts
		const rawRetry = this.getNodeParameter('retrySettings', 0, '') as string | IDataObject;
		const retryOverrides = (typeof rawRetry === 'string' ? (rawRetry ? JSON.parse(rawRetry) : {}) : rawRetry) as Partial<RetrySettings>;
		const client = await PrintOsClient.create(this, credentialType, {
			...settings.client,
			retry: { ...(settings.client.retry ?? {}), ...retryOverrides } as RetrySettings,
		});
		const results = await runItems(
			this,
			client,
			async (itemIndex) => {
				const endpoint: Endpoint = {
					method: (this.getNodeParameter('method', itemIndex) as string).toUpperCase() as HttpMethod,
					path: this.getNodeParameter('path', itemIndex) as string,
					confidence: 'DOC',
				};
				const refusalStatus = this.getNodeParameter('repeatRefusalStatus', itemIndex, 0) as number;
				const refusalMessage = this.getNodeParameter('repeatRefusalMessage', itemIndex, '') as string;
				if (refusalStatus) {
					endpoint.repeatRefusal = { status: refusalStatus, message: refusalMessage ? new RegExp(refusalMessage, 'i') : undefined };
				}
				const service = this.getNodeParameter('service', itemIndex) as 'siteFlow';
				const rawBody = this.getNodeParameter('body', itemIndex, '') as string | IDataObject;
				const body = typeof rawBody === 'string' && rawBody ? (JSON.parse(rawBody) as IDataObject) : undefined;
				if (this.getNodeParameter('list', itemIndex) as boolean) {
					const limit = this.getNodeParameter('limit', itemIndex) as number;
					const maxPages = this.getNodeParameter('maxPages', itemIndex) as number;
					const data = await listItems(
						client,
						{ service, endpoint, itemIndex, qs: this.getNodeParameter('query', itemIndex, '') ? (JSON.parse(this.getNodeParameter('query', itemIndex) as string) as IDataObject) : undefined },
						{ limit: limit > 0 ? limit : undefined, paging: SITE_FLOW_PAGING, maxPages: maxPages > 0 ? maxPages : undefined },
					);
					return data;
				}
				const answer = await client.requestWithResponse<IDataObject>({ service, endpoint, body, itemIndex });
				return { response: answer.body, itemIndex, ...(answer.confirmedByRepeat ? { confirmedByRepeat: true } : {}) };
			},
			settings.concurrency,
		);
		return [results];
	}
}
