/**
 * Hostile requests for the Site Flow Trigger's webhook: wrong and missing tokens, tokens of other
 * lengths, the token in the wrong header, oversized and malformed bodies, wrong methods and paths.
 * The same deterministic list is sent to the in-process trigger (jest) and to a real n8n (e2e and
 * `npm run reliability`), only ever to 127.0.0.1, with bounded concurrency.
 *
 * Every body carries a marker (`hostile-<n>`), so a run it started would show in the execution data.
 * No node class is imported here: the e2e runner loads this under plain tsx.
 */
import http from 'node:http';

export type HostileKind =
	| 'wrongTokenSameLength'
	| 'missingToken'
	| 'tokenOfOtherLength'
	| 'tokenInOtherHeader'
	| 'tokenWrongCase'
	| 'duplicateTokenHeaders'
	| 'basicAuthInstead'
	| 'oversizedBody'
	| 'malformedBody'
	| 'malformedBodyWithToken'
	| 'wrongMethod'
	| 'wrongMethodWithToken'
	| 'wrongPath'
	/** Valid token, bodies built to make a careless parser slow (test/reliability/e2e/complexity.ts). */
	| 'algorithmicComplexity';

export interface HostileRequest {
	index: number;
	kind: HostileKind;
	method: string;
	path: string;
	headers: Record<string, string | string[]>;
	/** Built when sent, so 10,000 requests do not sit in memory with their bodies. */
	body: () => Buffer | undefined;
	/** A valid token went with it: if n8n ran a workflow for it, that is not the token's fault but still a run. */
	marker: string;
}

export interface HostileTarget {
	/** `http://127.0.0.1:<port>`. */
	baseUrl: string;
	/** The webhook's path after /webhook/. */
	webhookPath: string;
	method: string;
	headerName: string;
	token: string;
}

/** A small deterministic generator (mulberry32): the same seed gives the same requests. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';

function randomToken(next: () => number, length: number): string {
	let out = '';
	for (let index = 0; index < length; index++) out += TOKEN_CHARS[Math.floor(next() * TOKEN_CHARS.length)];
	return out;
}

/** A postback that would start the workflow, were it let in. */
export function postbackBody(marker: string): Buffer {
	return Buffer.from(JSON.stringify({ event: 'Order Received', timestamp: new Date(0).toISOString(), sourceOrderId: marker, orderId: '65a1b2c3d4e5f60718293a4b', status: 'dataready' }));
}

const MALFORMED: Array<{ contentType: string; body: (marker: string) => Buffer; brokenJson?: boolean }> = [
	{ contentType: 'application/json', brokenJson: true, body: (marker) => Buffer.from(`{"event":"Order Received","sourceOrderId":"${marker}"`) },
	{ contentType: 'application/json', brokenJson: true, body: () => Buffer.from('{"a":'.repeat(5000)) },
	{ contentType: 'application/json', body: (marker) => Buffer.from(`[${'1,'.repeat(20_000)}"${marker}"]`) },
	{ contentType: 'application/json', brokenJson: true, body: () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28]) },
	{ contentType: 'application/json; charset=utf-16', body: (marker) => Buffer.from(`{"sourceOrderId":"${marker}"}`, 'utf16le') },
	{ contentType: 'application/xml', body: (marker) => Buffer.from(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;${marker}</x>`) },
	{ contentType: 'application/x-www-form-urlencoded', body: (marker) => Buffer.from(`event=Order%20Received&sourceOrderId=${marker}&%%%=`) },
	{ contentType: 'text/plain', body: () => Buffer.from('\u0000\u0001\u0002 not a postback') },
	{ contentType: 'multipart/form-data; boundary=x', body: (marker) => Buffer.from(`--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${marker}\r\n--x`) },
	{ contentType: '', body: (marker) => Buffer.from(`{"sourceOrderId":"${marker}", broken`) },
];

export const HOSTILE_KINDS: Array<{ kind: HostileKind; weight: number }> = [
	{ kind: 'wrongTokenSameLength', weight: 20 },
	{ kind: 'missingToken', weight: 10 },
	{ kind: 'tokenOfOtherLength', weight: 15 },
	{ kind: 'tokenInOtherHeader', weight: 6 },
	{ kind: 'tokenWrongCase', weight: 4 },
	{ kind: 'duplicateTokenHeaders', weight: 4 },
	{ kind: 'basicAuthInstead', weight: 4 },
	{ kind: 'oversizedBody', weight: 2 },
	{ kind: 'malformedBody', weight: 12 },
	{ kind: 'malformedBodyWithToken', weight: 8 },
	{ kind: 'wrongMethod', weight: 6 },
	{ kind: 'wrongMethodWithToken', weight: 5 },
	{ kind: 'wrongPath', weight: 4 },
];

export interface HostileOptions {
	count: number;
	seed?: number;
	/** Size of the "oversized" bodies (default 2 MiB; a real n8n refuses more than 16 MiB). */
	oversizedBytes?: number;
	/** Some oversized bodies go beyond this many bytes (n8n's payload limit), default none. */
	beyondLimitBytes?: number;
}

export function hostileRequests(target: Omit<HostileTarget, 'baseUrl'>, options: HostileOptions): HostileRequest[] {
	const next = random(options.seed ?? 9);
	const total = HOSTILE_KINDS.reduce((sum, entry) => sum + entry.weight, 0);
	const header = target.headerName.toLowerCase();
	const token = target.token;
	const out: HostileRequest[] = [];
	for (let index = 0; index < options.count; index++) {
		// every kind appears, in proportion to its weight
		let pick = next() * total;
		const kind = HOSTILE_KINDS.find((entry) => (pick -= entry.weight) < 0)?.kind ?? 'missingToken';
		const marker = `hostile-${index}`;
		const json = { 'content-type': 'application/json' };
		const request: HostileRequest = { index, kind, method: target.method, path: `/webhook/${target.webhookPath}`, headers: { ...json }, body: () => postbackBody(marker), marker };
		switch (kind) {
			case 'wrongTokenSameLength': {
				let wrong = randomToken(next, token.length);
				if (wrong === token) wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
				// half of them differ from the real token in one character only
				if (next() < 0.5) {
					const at = Math.floor(next() * token.length);
					const replacement = TOKEN_CHARS[(TOKEN_CHARS.indexOf(token[at]) + 1) % TOKEN_CHARS.length];
					wrong = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
				}
				request.headers[header] = wrong;
				break;
			}
			case 'missingToken':
				break;
			case 'tokenOfOtherLength': {
				const choice = next();
				if (choice < 0.25) request.headers[header] = token.slice(0, Math.floor(next() * token.length));
				else if (choice < 0.5) request.headers[header] = `${token}${randomToken(next, 1 + Math.floor(next() * 8))}`;
				else {
					let length = Math.floor(next() * 300);
					if (length === token.length) length++;
					request.headers[header] = randomToken(next, length);
				}
				if (request.headers[header] === '') delete request.headers[header];
				break;
			}
			case 'tokenInOtherHeader':
				request.headers[next() < 0.5 ? 'authorization' : `${header}-2`] = token;
				break;
			case 'tokenWrongCase':
				request.headers[header] = token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase();
				break;
			case 'duplicateTokenHeaders':
				request.headers[header] = [randomToken(next, token.length), token];
				break;
			case 'basicAuthInstead':
				request.headers.authorization = `Basic ${Buffer.from(`siteflow:${token}`).toString('base64')}`;
				break;
			case 'oversizedBody': {
				const beyond = options.beyondLimitBytes !== undefined && next() < 0.2;
				const size = beyond ? options.beyondLimitBytes! + 1024 : (options.oversizedBytes ?? 2 * 1024 * 1024);
				if (next() < 0.5) request.headers[header] = randomToken(next, token.length);
				request.body = () => {
					const body = Buffer.alloc(size, 0x20);
					body.write(`{"sourceOrderId":"${marker}","padding":"`, 0);
					body.write('"}', size - 2);
					return body;
				};
				break;
			}
			case 'malformedBody':
			case 'malformedBodyWithToken': {
				// with the right token, a body the trigger can read (text, XML, form: templates may be any
				// of these) is a postback; only bodies declared JSON that do not parse must be refused
				const choices = kind === 'malformedBodyWithToken' ? MALFORMED.filter((entry) => entry.brokenJson) : MALFORMED;
				const malformed = choices[Math.floor(next() * choices.length)];
				request.headers = malformed.contentType ? { 'content-type': malformed.contentType } : {};
				if (kind === 'malformedBodyWithToken') request.headers[header] = token;
				else if (next() < 0.5) request.headers[header] = randomToken(next, token.length);
				request.body = () => malformed.body(marker);
				break;
			}
			case 'wrongMethod':
			case 'wrongMethodWithToken': {
				const methods = ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND', 'TRACE'].filter((method) => method !== target.method);
				request.method = methods[Math.floor(next() * methods.length)];
				if (kind === 'wrongMethodWithToken') request.headers[header] = token;
				if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'TRACE') {
					request.body = () => undefined;
					request.path += `?sourceOrderId=${marker}&event=Order%20Received`;
				}
				break;
			}
			case 'wrongPath': {
				const paths = [`/webhook/${target.webhookPath}x`, `/webhook/${target.webhookPath}/..%2F..%2Frest%2Flogin`, `/webhook-test/${target.webhookPath}`, `/webhook//${target.webhookPath}`, `/webhook/${target.webhookPath.toUpperCase()}`];
				request.path = paths[Math.floor(next() * paths.length)];
				request.headers[header] = token;
				break;
			}
		}
		out.push(request);
	}
	return out;
}

export interface HostileResponse {
	index: number;
	kind: HostileKind;
	status: number | null;
	/** A connection error without any answer (e.g. reset while an oversized body was still being sent). */
	error?: string;
	body: string;
	headers: Record<string, string | string[] | undefined>;
	ms: number;
}

/** Sends one request, to 127.0.0.1 only. */
export function sendOne(baseUrl: string, request: HostileRequest, agent: http.Agent): Promise<HostileResponse> {
	const url = new URL(request.path, baseUrl);
	if (url.hostname !== '127.0.0.1') throw new Error(`hostile requests go to 127.0.0.1 only, not ${url.hostname}`);
	const started = Date.now();
	return new Promise((resolve) => {
		let settled = false;
		const done = (response: Omit<HostileResponse, 'index' | 'kind' | 'ms'>) => {
			if (settled) return;
			settled = true;
			resolve({ index: request.index, kind: request.kind, ms: Date.now() - started, ...response });
		};
		const body = request.body();
		const req = http.request(
			{ host: '127.0.0.1', port: url.port, path: `${url.pathname}${url.search}`, method: request.method, headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) }, agent, timeout: 30_000 },
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					if (size < 4096) chunks.push(chunk);
					size += chunk.length;
				});
				res.on('end', () => done({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8').slice(0, 4096), headers: res.headers }));
				res.on('error', (error) => done({ status: res.statusCode ?? null, body: '', headers: res.headers, error: error.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
		req.on('error', (error) => done({ status: null, body: '', headers: {}, error: (error as NodeJS.ErrnoException).code ?? error.message }));
		if (body) req.end(body);
		else req.end();
	});
}

export async function sendAll(baseUrl: string, requests: HostileRequest[], concurrency = 16): Promise<HostileResponse[]> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const responses: HostileResponse[] = new Array(requests.length);
	let next = 0;
	const worker = async () => {
		while (next < requests.length) {
			const index = next++;
			responses[index] = await sendOne(baseUrl, requests[index], agent);
		}
	};
	try {
		await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		agent.destroy();
	}
	return responses;
}

export interface HostileSummary {
	sent: number;
	byKind: Record<string, { sent: number; byStatus: Record<string, number>; msTotal: number }>;
	/** 4xx answers. */
	refused: number;
	/** 2xx/3xx answers: acceptable only when they started nothing (checked by the caller). */
	acknowledged: number;
	/** 5xx answers or no answer at all. */
	failed: number;
	/** Connection closed before any answer (only acceptable for bodies beyond the server's limit). */
	resets: number;
	/**
	 * Refused by n8n itself before any node is involved, with a 5xx: n8n 1.x answers a method its
	 * webhook router does not know at all (PROPFIND, TRACE) with 500 "The method … is not
	 * supported" (and a stack trace). Nothing runs; counted apart from `failed` and reported.
	 */
	refusedByN8nCore: number;
	/** The slowest answer to any of them, in ms (measured, not asserted). */
	slowestMs: number;
	problems: string[];
}

/** n8n's own answer to an HTTP method its webhook router does not support. */
export function isN8nUnsupportedMethod(response: HostileResponse): boolean {
	return response.status !== null && response.status >= 500 && /The method \S+ is not supported/.test(response.body);
}

export function summarise(responses: HostileResponse[], requests: HostileRequest[], secrets: string[] = []): HostileSummary {
	const summary: HostileSummary = { sent: responses.length, byKind: {}, refused: 0, acknowledged: 0, failed: 0, resets: 0, refusedByN8nCore: 0, slowestMs: 0, problems: [] };
	for (const response of responses) {
		summary.slowestMs = Math.max(summary.slowestMs, response.ms);
		const key = response.status === null ? `no answer (${response.error})` : String(response.status);
		const kind = (summary.byKind[response.kind] ??= { sent: 0, byStatus: {}, msTotal: 0 });
		kind.sent++;
		kind.msTotal += response.ms;
		kind.byStatus[key] = (kind.byStatus[key] ?? 0) + 1;
		if (response.status === null) {
			summary.resets++;
			const request = requests[response.index];
			const bodySize = request.kind === 'oversizedBody' ? request.body()?.length ?? 0 : 0;
			// a server may close the connection on a body beyond its limit before answering
			if (!(request.kind === 'oversizedBody' && bodySize > 16 * 1024 * 1024)) {
				summary.failed++;
				if (summary.problems.length < 20) summary.problems.push(`request ${response.index} (${response.kind}) got no answer: ${response.error}`);
			}
		} else if (isN8nUnsupportedMethod(response)) {
			summary.refusedByN8nCore++;
		} else if (response.status >= 500) {
			summary.failed++;
			if (summary.problems.length < 20) summary.problems.push(`request ${response.index} (${response.kind}) was answered ${response.status}: ${response.body.slice(0, 200)}`);
		} else if (response.status >= 400) summary.refused++;
		else summary.acknowledged++;
		for (const secret of secrets) {
			if (`${response.body} ${JSON.stringify(response.headers)}`.includes(secret)) summary.problems.push(`the answer to request ${response.index} (${response.kind}) contains a secret`);
		}
	}
	return summary;
}
