/**
 * Per-request signing cost: the credential classes' own `authenticate`, called the way n8n calls it
 * for every request our transport sends (absolute URL, qs object, JSON, full response), on realistic
 * PrintOS URLs. In-process, warmed up, one timing per call; the median is the figure.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { median, quantile } from './stats';

export interface SigningFigures {
	credential: string;
	samples: number;
	medianUs: number;
	p90Us: number;
	p99Us: number;
}

const ORDER_ID = '65f1c2d3e4b5a69788990a1b';

function transportOptions(url: string, method: IHttpRequestOptions['method'], qs: Record<string, string> = {}, body?: object): IHttpRequestOptions {
	// what PrintOsClient.requestWithResponse hands to httpRequestWithAuthentication
	return {
		method,
		url,
		qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 60_000,
		headers: {},
		...(body ? { body: body as IHttpRequestOptions['body'] } : {}),
	};
}

const CASES: Array<{
	credential: string;
	authenticate: (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
	credentials: ICredentialDataDecryptedObject;
	requests: IHttpRequestOptions[];
}> = [
	{
		credential: 'printOsApi (gateway, scheme A)',
		authenticate: (c, r) => new PrintOsApi().authenticate(c, r),
		credentials: { key: 'a1b2c3d4e5f6a7b8c9d0', secret: 'f'.repeat(40), environment: 'production', algorithm: 'SHA256' },
		requests: [
			transportOptions(`https://printos.api.hp.com/siteflow/api/order/${ORDER_ID}`, 'GET'),
			transportOptions('https://printos.api.hp.com/box/api/partner/file/uploadurls', 'GET', { mimeType: 'application/pdf' }),
			transportOptions('https://printos.api.hp.com/box/api/partner/folder', 'POST', {}, { name: 'Spring catalogue', from: 'a@example.com' }),
		],
	},
	{
		credential: 'siteFlowApi (token, scheme B)',
		authenticate: (c, r) => new SiteFlowApi().authenticate(c, r),
		credentials: { token: 'demoToken1234567890', secret: 's'.repeat(40), environment: 'production', accountId: '', algorithm: 'SHA256', orderServiceUrl: '' },
		requests: [
			transportOptions(`https://pro-api.oneflowcloud.com/api/order/${ORDER_ID}`, 'GET'),
			transportOptions('https://pro-api.oneflowcloud.com/api/order', 'GET', { page: '2', pagesize: '100' }),
			transportOptions('https://pro-api.oneflowcloud.com/api/order/bysourceid/ORDER%2001', 'GET'),
		],
	},
];

async function measure(
	authenticate: (typeof CASES)[number]['authenticate'],
	credentials: ICredentialDataDecryptedObject,
	requests: IHttpRequestOptions[],
	count: number,
	record: boolean,
): Promise<number[]> {
	const timings: number[] = record ? new Array(count) : [];
	for (let index = 0; index < count; index++) {
		// a fresh options object per call, as n8n builds one per request
		const request = { ...requests[index % requests.length], headers: {} };
		const started = process.hrtime.bigint();
		const signed = await authenticate(credentials, request);
		const elapsed = Number(process.hrtime.bigint() - started) / 1000;
		if (record) timings[index] = elapsed;
		if (!signed.headers) throw new Error('authenticate returned no headers');
	}
	return timings;
}

export async function benchmarkSigning(options: { warmup?: number; samples?: number } = {}): Promise<SigningFigures[]> {
	const warmup = options.warmup ?? 20_000;
	const samples = options.samples ?? 100_000;
	const figures: SigningFigures[] = [];
	for (const testCase of CASES) {
		await measure(testCase.authenticate, testCase.credentials, testCase.requests, warmup, false);
		const timings = await measure(testCase.authenticate, testCase.credentials, testCase.requests, samples, true);
		figures.push({
			credential: testCase.credential,
			samples,
			medianUs: median(timings),
			p90Us: quantile(timings, 0.9),
			p99Us: quantile(timings, 0.99),
		});
	}
	return figures;
}
