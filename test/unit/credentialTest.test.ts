/**
 * The credentials' Test button: the nodes' `credentialTest` methods (n8n runs them through
 * `testedBy`, since the credential classes carry no declarative `test`) called in n8n-core's real
 * CredentialTestContext, against the sandbox and against servers that fail in each way a user
 * meets: wrong secret, unknown key, wrong environment or Base URL, a host that refuses, a host
 * that does not exist, a host that never answers, PrintOS down. Each answer names the host and
 * what to change, never a secret, and comes within 15 s.
 */
import { createServer } from 'net';
import type { AddressInfo } from 'net';

import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { PrintOsBox } from '../../nodes/PrintOs/Box/PrintOsBox.node';
import { PrintOsSiteFlow } from '../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { PrintOsSiteFlowTrigger } from '../../nodes/PrintOs/SiteFlowTrigger/PrintOsSiteFlowTrigger.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';
// the Test button builds n8n-core contexts: stop the services they start once the file is done
import '../harness/n8nCoreShutdown';

let sandbox: Sandbox;
let scripted: ScriptedServer;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	scripted = await startScriptedServer();
});
afterAll(async () => {
	await sandbox.close();
	await scripted.close();
});

const SECRET = 'sandbox-secret';
type Kind = 'printOsApi' | 'siteFlowApi';
const KINDS: Kind[] = ['printOsApi', 'siteFlowApi'];

/** Credentials of the kind pointing at `root` (the gateway root, or the host whose /api is Site Flow). */
function credentials(kind: Kind, root: string, change: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const base: ICredentialDataDecryptedObject =
		kind === 'printOsApi'
			? { key: 'sandbox-key', secret: SECRET, environment: 'custom', baseUrl: root, algorithm: 'SHA256' }
			: { token: 'sandbox-token', secret: SECRET, environment: 'custom', baseUrl: `${root}/api`, orderServiceUrl: `${root}/orders/api`, algorithm: 'SHA256' };
	return { ...base, ...change };
}

const testName = { printOsApi: 'printOsApiConnectionTest', siteFlowApi: 'siteFlowApiConnectionTest' } as const;

async function runTest(kind: Kind, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult & { ms: number }> {
	const method = new PrintOsSiteFlow().methods.credentialTest[testName[kind]];
	const context = new (CredentialTestContext as unknown as new (...args: unknown[]) => ICredentialTestFunctions)(undefined);
	const started = Date.now();
	const result = await method.call(context, { id: 'c1', name: 'test', type: kind, data });
	return { ...result, ms: Date.now() - started };
}

function expectNoSecret(result: INodeCredentialTestResult) {
	expect(result.message).not.toContain(SECRET);
	expect(result.message).not.toContain('wrong-secret');
}

describe('n8n finds the test on every node that uses the credentials', () => {
	it('each credential entry names a test its node has', () => {
		for (const node of [new PrintOsBox(), new PrintOsSiteFlow(), new PrintOsSiteFlowTrigger()]) {
			for (const entry of node.description.credentials ?? []) {
				expect(typeof entry.testedBy).toBe('string');
				expect(typeof (node.methods.credentialTest as Record<string, unknown>)[entry.testedBy as string]).toBe('function');
			}
		}
	});
});

describe.each(KINDS)('%s Test button', (kind) => {
	const keyWord = kind === 'printOsApi' ? 'key' : 'token';
	const host = () => new URL(sandbox.url).host;

	it('passes with the right key and secret', async () => {
		const result = await runTest(kind, credentials(kind, sandbox.url));
		expect(result).toMatchObject({ status: 'OK', message: `Connection successful: ${host()} accepted this ${keyWord}` });
	});

	it('a wrong secret: says the secret is wrong, with PrintOS’s words, and names the host', async () => {
		const result = await runTest(kind, credentials(kind, sandbox.url, { secret: 'wrong-secret' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`${host()} knows this ${keyWord}, but the signature does not match: the Secret is wrong`);
		expect(result.message).toMatch(/PrintOS said: ".*ignature/);
		expectNoSecret(result);
	});

	it('an unknown key or token: says to check it and its environment', async () => {
		const change: ICredentialDataDecryptedObject = kind === 'printOsApi' ? { key: 'someone-else' } : { token: 'someone-else' };
		const result = await runTest(kind, credentials(kind, sandbox.url, change));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`${host()} (environment: custom (`);
		expect(result.message).toContain(`does not know this ${keyWord}: check the ${keyWord}, and that it was issued for this environment`);
		expectNoSecret(result);
	});

	it('a Base URL that is not the API: says to check the environment and Base URL', async () => {
		const result = await runTest(kind, credentials(kind, `${sandbox.url}/not-printos`));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`^${host()} answered HTTP 404: it is not the .* at this address; check the Environment and the Base URL$`));
	});

	it('a port where nothing listens: connection refused, naming host and port', async () => {
		const port = await closedPort();
		const result = await runTest(kind, credentials(kind, `http://127.0.0.1:${port}`));
		expect(result).toEqual({ status: 'Error', message: `Nothing answers at 127.0.0.1:${port} (connection refused): check the Base URL and its port`, ms: expect.any(Number) });
	});

	it('a host that does not exist: says it was not found', async () => {
		const result = await runTest(kind, credentials(kind, 'http://printos-test-host.invalid'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The host printos-test-host\.invalid was not found \(DNS\): check the Environment and the Base URL$|^printos-test-host\.invalid did not answer/);
	});

	it('PrintOS down (503): says to try again later', async () => {
		scripted.fallback = () => ({ status: 503, body: { message: 'Service Unavailable' } });
		const result = await runTest(kind, credentials(kind, scripted.url));
		expect(result.message).toBe(`${new URL(scripted.url).host} answered HTTP 503: PrintOS is not available right now; try again later. PrintOS said: "Service Unavailable"`);
	});
});

describe('a host that accepts connections and never answers', () => {
	it.each(KINDS)('%s: the Test button gives up within 15 s and says the host did not answer', async (kind) => {
		scripted.fallback = () => ({ delayMs: 10 * 60_000 });
		const before = scripted.requests.length;
		const result = await runTest(kind, credentials(kind, scripted.url));
		expect(result.message).toBe(
			`${new URL(scripted.url).host} did not answer within 10 s: check the Base URL, and any proxy or firewall between n8n and PrintOS, or try again later`,
		);
		expect(scripted.requests.length - before).toBe(1);
		// a generous bound that proves the wait is bounded (the test's own timeout is 30 s)
		expect(result.ms).toBeLessThan(15_000);
	}, 30_000);
});

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}
