/**
 * The Site Flow Trigger under hostile requests, in-process: n8n-core's real WebhookContext behind a
 * real HTTP server (test/nodes/trigger/webhookHarness.ts). The 10,000-request version against a
 * real n8n is the e2e scenario in test/reliability/e2e.
 *
 * Every request must be refused with a 4xx or acknowledged without effect; none may start the
 * workflow, leave the sender hanging or crash the node; the server keeps serving (a valid postback
 * afterwards starts exactly one run); and the token never comes back in an answer or the output.
 */
import { randomBytes } from 'crypto';

import { postJson, send, startTriggerServer, type TriggerServer } from '../nodes/trigger/webhookHarness';
import { hostileRequests, postbackBody, sendAll, summarise } from './lib/hostile';
import { ConsoleCapture, SecretScanner } from './lib/secrets';

jest.setTimeout(90_000);

const HEADER = 'X-SiteFlow-Token';
const TOKEN = `tok-${randomBytes(20).toString('hex')}`;
const USER = 'siteflow';
const PASSWORD = `pw-${randomBytes(16).toString('hex')}`;
const COUNT = Number(process.env.RELIABILITY_HOSTILE_IN_PROCESS ?? 1000);

let server: TriggerServer;
const scanner = new SecretScanner();
const capture = new ConsoleCapture();

beforeAll(async () => {
	scanner.addSecret('the postback token', TOKEN);
	scanner.addSecret('the Basic Auth password', PASSWORD);
	capture.start({ silent: true });
	server = await startTriggerServer();
});
afterAll(async () => {
	capture.stop();
	await server.close();
});

describe.each([1, 2])('header token authentication, node version %i', (typeVersion) => {
	beforeAll(() => {
		server.reset();
		server.configure({
			typeVersion,
			parameters: { path: 'siteflow', httpMethod: 'POST', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: { headerName: HEADER, token: TOKEN, user: '', password: '' } },
		});
	});

	it(`${COUNT} hostile requests: each refused with a 4xx or acknowledged without effect; nothing runs`, async () => {
		const requests = hostileRequests({ webhookPath: 'siteflow', method: 'POST', headerName: HEADER, token: TOKEN }, { count: COUNT, seed: 7 });
		const responses = await sendAll(server.url, requests, 16);
		const summary = summarise(responses, requests, [TOKEN]);

		expect(summary.problems).toEqual([]);
		expect(summary.failed).toBe(0);
		expect(summary.refused + summary.acknowledged).toBe(COUNT);
		// every kind of hostility was tried
		expect(Object.keys(summary.byKind).length).toBeGreaterThanOrEqual(12);
		// wrong, missing and misplaced tokens are refused 401 outright
		for (const kind of ['wrongTokenSameLength', 'missingToken', 'tokenOfOtherLength', 'tokenInOtherHeader', 'tokenWrongCase', 'duplicateTokenHeaders', 'basicAuthInstead']) {
			expect(Object.keys(summary.byKind[kind]?.byStatus ?? {})).toEqual(['401']);
		}
		// the right token with a body declared JSON that does not parse: version 1 answers 400 with
		// the reason; in version 2 n8n's body parser answers 422 before the node runs
		expect(Object.keys(summary.byKind.malformedBodyWithToken?.byStatus ?? {})).toEqual([typeVersion === 1 ? '400' : '422']);
		// no request started the workflow, none crashed the node or was left hanging
		expect(server.emissions).toHaveLength(0);
		expect(server.handled.filter((record) => record.error || record.leftHanging)).toEqual([]);
		scanner.scan('answers to the hostile requests', responses.map((response) => ({ body: response.body, headers: response.headers })));
	});

	it('keeps serving: a valid postback afterwards starts exactly one run, without the token in it', async () => {
		const response = await postJson(server.webhookUrl('siteflow'), JSON.parse(postbackBody('control-1').toString()), { [HEADER]: TOKEN });
		expect(response.status).toBe(200);
		await server.waitForEmissions(1);
		expect(server.emissions).toHaveLength(1);
		expect(server.emissions[0].items[0].json.sourceOrderId).toBe('control-1');
		scanner.scan('the control run', server.emissions);
	});
});

describe('Basic Auth', () => {
	beforeAll(() => {
		server.reset();
		server.configure({
			typeVersion: 1,
			parameters: { path: 'siteflow-basic', httpMethod: 'POST', authentication: 'basicAuth' },
			credentials: { siteFlowPostbackAuthApi: { headerName: '', token: '', user: USER, password: PASSWORD } },
		});
	});

	const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;
	const HOSTILE_BASIC: Array<[string, Record<string, string>]> = [
		['a wrong password of the same length', { authorization: basic(`${USER}:${PASSWORD.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`) }],
		['a wrong user', { authorization: basic(`admin:${PASSWORD}`) }],
		['the password alone', { authorization: basic(PASSWORD) }],
		['the password as a header token', { 'x-siteflow-token': PASSWORD }],
		['no credentials', {}],
		['a Bearer scheme', { authorization: `Bearer ${PASSWORD}` }],
		['malformed base64', { authorization: 'Basic %%%not-base64%%%' }],
		['an empty Basic header', { authorization: 'Basic ' }],
		['a colon only', { authorization: basic(':') }],
		['an overlong password', { authorization: basic(`${USER}:${PASSWORD}${'x'.repeat(10_000)}`) }],
	];

	it.each(HOSTILE_BASIC)('%s: 401 with a Basic challenge, nothing runs', async (_label, headers) => {
		const response = await send(server.webhookUrl('siteflow-basic'), { headers: { 'content-type': 'application/json', ...headers }, body: postbackBody('hostile-basic') });
		expect(response.status).toBe(401);
		expect(response.headers['www-authenticate']).toMatch(/^Basic /);
		expect(response.text).not.toContain(PASSWORD);
		expect(server.emissions).toHaveLength(0);
	});

	it('control: the right user and password start one run', async () => {
		const response = await send(server.webhookUrl('siteflow-basic'), { headers: { 'content-type': 'application/json', authorization: basic(`${USER}:${PASSWORD}`) }, body: postbackBody('control-basic') });
		expect(response.status).toBe(200);
		await server.waitForEmissions(1);
		expect(server.emissions).toHaveLength(1);
		scanner.scan('the Basic Auth control run', server.emissions);
	});
});

it('leaked neither the token nor the password (answers, output, console)', () => {
	scanner.scan('console output', capture.take());
	expect(scanner.scans).toBeGreaterThanOrEqual(6);
	expect(scanner.findings).toEqual([]);
});
