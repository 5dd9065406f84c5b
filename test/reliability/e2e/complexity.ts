/**
 * Two checks of issue 15 against a real n8n, used by reliability.ts:
 *
 * - "Algorithmic complexity": postbacks built to make a careless parser slow (whitespace runs,
 *   repeated openers, unclosed CDATA, entity floods, deep JSON), up to 1 MiB, sent with the valid
 *   token to triggers of both node versions whose event filter lets none of them through. Every
 *   field lookup runs over the whole body before the filter; each must be answered (200 filtered
 *   out, or 400 for deep JSON) and start nothing.
 * - "Signed requests to foreign hosts": an HTTP Request node with a Site Flow credential and a URL
 *   on another host, and requests through a credential whose host answers 302 to another host (HTTP
 *   Request node and the Site Flow node). A recording server stands for the other host; it must
 *   receive no request carrying a signature.
 *
 * No node class is imported: scripts/e2e.ts loads this under plain tsx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { importCredentials, importWorkflows, nodeOutput } from '../../../scripts/lib/n8nCli';
import { creds, httpRequestParameters } from '../../e2e/fixtures';
import { node, workflow, type E2eEnv } from '../../e2e/harness';
import type { HostileRequest } from '../lib/hostile';

const MIB = 1024 * 1024;

function fill(size: number, head: string, unit: string, tail = ''): string {
	const room = size - head.length - tail.length;
	return `${head}${unit.repeat(Math.ceil(room / unit.length)).slice(0, room)}${tail}`;
}

const GENERATORS: Array<{ name: string; contentTypes: string[]; body: (size: number) => string }> = [
	{ name: 'whitespace after an opener', contentTypes: ['text/plain', ''], body: (size) => fill(size, '<status>', ' ') },
	{ name: 'whitespace inside an opener', contentTypes: ['text/plain', 'text/xml'], body: (size) => fill(size, '<status', ' ') },
	{ name: 'repeated openers', contentTypes: ['text/plain', ''], body: (size) => fill(size, '', '<status ') },
	{ name: 'repeated CDATA openers', contentTypes: ['text/plain', ''], body: (size) => fill(size, '', '<status><![CDATA[') },
	{ name: 'entity flood', contentTypes: ['text/plain'], body: (size) => fill(size, '<status>', '&#99999999;&amp;&', '</status>') },
	{ name: 'deep JSON', contentTypes: ['application/json', ''], body: (size) => `${'['.repeat(size / 2)}${']'.repeat(size / 2)}` },
	{ name: 'deep JSON objects', contentTypes: ['application/json'], body: (size) => `${'{"a":'.repeat(Math.floor(size / 6))}1${'}'.repeat(Math.floor(size / 6))}` },
];

const SIZES = [64 * 1024, 256 * 1024, MIB];

/** The complexity postbacks for one trigger path; `text/xml` only for version 1 (n8n parses XML itself for version 2). */
export function complexityRequests(webhookPath: string, headerName: string, token: string, typeVersion: number, firstIndex: number): HostileRequest[] {
	const out: HostileRequest[] = [];
	for (const generator of GENERATORS) {
		for (const contentType of generator.contentTypes) {
			if (typeVersion !== 1 && contentType === 'text/xml') continue;
			for (const size of SIZES) {
				const index = firstIndex + out.length;
				out.push({
					index,
					kind: 'algorithmicComplexity',
					method: 'POST',
					path: `/webhook/${webhookPath}`,
					headers: { ...(contentType ? { 'content-type': contentType } : {}), [headerName.toLowerCase()]: token },
					body: () => Buffer.from(generator.body(size)),
					marker: `complexity-${index}`,
				});
			}
		}
	}
	return out;
}

/** A trigger that lets none of the complexity postbacks through (they name no Order Printready event). */
export function complexityWorkflow(id: string, path: string, typeVersion: number, webhookId: string) {
	return workflow(
		id,
		`Reliability: algorithmic-complexity postbacks (trigger version ${typeVersion})`,
		[
			node(
				'Site Flow Trigger',
				'n8n-nodes-printos.printOsSiteFlowTrigger',
				{ httpMethod: 'POST', path, authentication: 'headerToken', events: ['orderPrintReady'] },
				{ webhookId, typeVersion, credentials: creds.postback },
			),
			node('Received', 'n8n-nodes-base.noOp'),
		],
		{ 'Site Flow Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	);
}

interface Recorder {
	url: string;
	signed: number;
	requests: number;
	close(): Promise<void>;
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
	const server = http.createServer(handler);
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

async function startForeignHost(): Promise<Recorder> {
	const recorder = { url: '', signed: 0, requests: 0, close: async () => {} };
	const { server, url } = await listen((req, res) => {
		recorder.requests++;
		if (Object.keys(req.headers).some((name) => /^x-(oneflow|hp-hmac)-/.test(name))) recorder.signed++;
		req.resume();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ _id: 'foreign', stolen: true }));
	});
	recorder.url = url;
	recorder.close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
	return recorder;
}

const REDIRECT_CREDENTIAL = { id: 'relRedirectCred1', name: 'Site Flow credential on a redirecting host', type: 'siteFlowApi' } as const;
const FOREIGN_WORKFLOW_ID = 'relForeignHosts1';

export interface ForeignHostFigures {
	signedRequestsToForeignHosts: number;
	foreignRequests: number;
	attempts: number;
	problems: string[];
}

/** Runs the foreign-host workflow once through `n8n execute`; counts signed requests the other host received. */
export async function checkForeignHosts(env: E2eEnv, sandboxSecret: string): Promise<ForeignHostFigures> {
	const foreign = await startForeignHost();
	const { server: redirector, url: redirectorUrl } = await listen((req, res) => {
		req.resume();
		res.writeHead(302, { location: `${foreign.url}/collect${req.url}?token=query-secret` });
		res.end();
	});
	const problems: string[] = [];
	try {
		await importCredentials(env.instance, [
			{ ...REDIRECT_CREDENTIAL, data: { token: 'sandbox-token', secret: sandboxSecret, environment: 'custom', baseUrl: `${redirectorUrl}/api`, orderServiceUrl: `${redirectorUrl}/orders/api`, algorithm: 'SHA256' } },
		]);
		const redirectCreds = { siteFlowApi: { id: REDIRECT_CREDENTIAL.id, name: REDIRECT_CREDENTIAL.name } };
		const continueOnError = { onError: 'continueRegularOutput' };
		const steps = [
			node('Foreign URL', 'n8n-nodes-base.httpRequest', httpRequestParameters('siteFlowApi', 'GET', `${foreign.url}/api/account`), { typeVersion: 4.2, credentials: creds.siteFlow, ...continueOnError }),
			node('Redirected (HTTP Request)', 'n8n-nodes-base.httpRequest', httpRequestParameters('siteFlowApi', 'GET', `${redirectorUrl}/api/account`), { typeVersion: 4.2, credentials: redirectCreds, ...continueOnError }),
			node('Redirected (Site Flow node)', 'n8n-nodes-printos.printOsSiteFlow', { authentication: 'siteFlowApi', resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: '65a1b2c3d4e5f60718293a4b' }, requestOptions: { maxRetries: 0 } }, { credentials: redirectCreds, ...continueOnError }),
		];
		const names = ['Start', ...steps.map((step) => step.name as string)];
		const connections: Record<string, unknown> = {};
		for (let index = 0; index < names.length - 1; index++) connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
		await importWorkflows(env.instance, [workflow(FOREIGN_WORKFLOW_ID, 'Reliability: signed requests to foreign hosts', [node('Start', 'n8n-nodes-base.manualTrigger'), ...steps], connections)]);
		const outcome = await env.execute(FOREIGN_WORKFLOW_ID);
		for (const name of names.slice(1)) {
			const output = JSON.stringify(nodeOutput(outcome.run, name));
			if (output.includes('"stolen":true')) problems.push(`${name} returned the foreign host's answer`);
			if (output.includes('query-secret')) problems.push(`${name} shows the redirect's query string`);
		}
		const siteFlowOutput = JSON.stringify(nodeOutput(outcome.run, 'Redirected (Site Flow node)'));
		if (!/redirect \(302\) to 127\.0\.0\.1:\d+/.test(siteFlowOutput)) problems.push(`the Site Flow node did not report the redirect: ${siteFlowOutput.slice(0, 300)}`);
	} finally {
		await foreign.close();
		await new Promise<void>((resolve) => { redirector.closeAllConnections(); redirector.close(() => resolve()); });
	}
	if (foreign.signed) problems.push(`the foreign host received ${foreign.signed} signed request(s)`);
	return { signedRequestsToForeignHosts: foreign.signed, foreignRequests: foreign.requests, attempts: 3, problems };
}
