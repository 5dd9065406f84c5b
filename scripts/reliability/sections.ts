/**
 * The parts of `npm run reliability` that run in-process, over the same matrix, cases and
 * arbitraries as the jest tests in test/reliability (one definition, two runners).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { startTriggerServer } from '../../test/nodes/trigger/webhookHarness';
import { FUZZ_SPECS, runFuzzCase, type FuzzCase, type FuzzOutcome } from '../../test/reliability/lib/badInput';
import { FAULTS, REPRESENTATIVES, applies } from '../../test/reliability/lib/faults';
import { hostileRequests, postbackBody, sendAll, summarise, type HostileSummary } from '../../test/reliability/lib/hostile';
import { ALL_OPERATIONS, itemsOf, makeFolders, operation, submitOrders, validOrder } from '../../test/reliability/lib/operations';
import { runCase, type CaseResult, type Tally } from '../../test/reliability/lib/runCase';
import { SecretScanner, type SecretFinding } from '../../test/reliability/lib/secrets';
import { startRelSandbox, World, type Auth, type NodeName } from '../../test/reliability/lib/world';

export type { Tally };

export const emptyTally = (): Tally => ({ requests: 0, faultsInjected: 0, itemsSucceeded: 0, itemsFailedClearly: 0, unhandledErrors: 0, duplicateOrders: 0 });

export function add(into: Tally, from: Partial<Tally>): Tally {
	for (const key of Object.keys(into) as Array<keyof Tally>) into[key] += from[key] ?? 0;
	return into;
}

// ---------------------------------------------------------------------------------------------

export async function faultMatrix(world: World, options: { quick: boolean; progress: (text: string) => void }): Promise<CaseResult[]> {
	const results: CaseResult[] = [];
	for (const fault of FAULTS) {
		const ops = options.quick ? REPRESENTATIVES[fault.id].map(operation) : ALL_OPERATIONS.filter((op) => applies(fault, op));
		const started = Date.now();
		for (const op of ops) results.push(await runCase(world, op, fault));
		options.progress(`${fault.label}: ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
	return results;
}

// ---------------------------------------------------------------------------------------------

export interface ScenarioResult {
	name: string;
	ok: boolean;
	detail: string;
	tally: Tally;
}

const READS: Array<[string, NodeName, Auth, IDataObject]> = [
	['Box (gateway key)', 'box', 'printOsApi', { resource: 'substrate', operation: 'getMany', returnAll: true }],
	['Site Flow (token)', 'siteFlow', 'siteFlowApi', { resource: 'account', operation: 'get' }],
	['Site Flow (gateway key)', 'siteFlow', 'printOsApi', { resource: 'sku', operation: 'getAll', returnAll: true }],
	['Site Flow Submit (token)', 'siteFlow', 'siteFlowApi', { resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' }],
];

export async function clockSkew(world: World): Promise<ScenarioResult[]> {
	const out: ScenarioResult[] = [];
	for (const offset of [20, -20]) {
		for (const [name, node, auth, parameters] of READS) {
			world.sandbox.admin.reset({});
			const id = `SKEW-${offset}-${name.length}`;
			const run = await world.withClockOffset(offset * 60_000, () =>
				world.run(node, auth, parameters, { items: itemsOf([{ order: validOrder(id) }]), continueOnFail: true }),
			);
			const stats = world.sandbox.admin.stats();
			const json = run.result.items[0]?.json ?? {};
			const error = (json.error ?? {}) as { message?: unknown; httpCode?: unknown };
			const message = String(error.message ?? '');
			const ok = /check this machine's clock/.test(message) && error.httpCode === 401 && stats.requests === 1 && world.sandbox.admin.orders({}).orders.length === 0;
			world.scanRun(`clock ${offset} min × ${name}`, run);
			out.push({
				name: `clock ${offset > 0 ? '+' : ''}${offset} min: ${name}`,
				ok,
				detail: message || 'succeeded (the skew went unnoticed)',
				tally: { ...emptyTally(), requests: stats.requests, faultsInjected: 1, itemsFailedClearly: ok ? 1 : 0, unhandledErrors: run.result.error ? 1 : 0 },
			});
		}
	}
	return out;
}

export async function restart(): Promise<{ result: ScenarioResult; scanner: SecretScanner }> {
	const dir = mkdtempSync(join(tmpdir(), 'printos-reliability-'));
	const world = await World.start({ silentConsole: true, dataFile: join(dir, 'state.json') });
	const tally = emptyTally();
	const problems: string[] = [];
	try {
		const ids = ['RST-1', 'RST-2', 'RST-3'];
		const orders = await submitOrders(world, ids.slice(0, 2));
		world.sandbox.admin.setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		const dropped = await submitOrders(world, ids.slice(2));
		tally.faultsInjected += 1;
		const [folderId] = await makeFolders(world, ['Restart folder']);
		copyFileSync(join(dir, 'state.json'), join(dir, 'crash-copy.json'));
		const expected = [...orders, ...dropped].map((order) => String(order._id));
		tally.requests += world.sandbox.admin.stats().requests;
		await world.restartSandbox();
		for (const [index, id] of ids.entries()) {
			const run = await world.run('siteFlow', 'siteFlowApi', { resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: id, simplify: false }, { continueOnFail: true });
			const json = run.result.items[0]?.json ?? {};
			if (json._id === expected[index] && world.sandbox.admin.orders({ sourceOrderId: id }).orders.length === 1) tally.itemsSucceeded++;
			else problems.push(`order ${id} after the restart: ${JSON.stringify(json).slice(0, 200)}`);
			world.scanRun('restart', run);
		}
		const folder = await world.run('box', 'printOsApi', { resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: folderId } }, { continueOnFail: true });
		if (folder.result.items[0]?.json._id === folderId) tally.itemsSucceeded++;
		else problems.push('the Box folder was lost in the restart');
		tally.requests += world.sandbox.admin.stats().requests;
		const crashed = await startRelSandbox({ port: 0, dataFile: join(dir, 'crash-copy.json') });
		for (const id of ids) if (crashed.admin.orders({ sourceOrderId: id }).orders.length !== 1) problems.push(`order ${id} missing from the file as it was right after the answers`);
		await crashed.close();
		world.scanLogs('restart');
	} finally {
		await world.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return {
		result: {
			name: 'restart with --data between submit and get (3 orders, one confirmed after a dropped connection, and a Box folder)',
			ok: problems.length === 0,
			detail: problems.join('; ') || 'every order (by sourceOrderId and _id) and the folder read back after the restart; the orders also in the file as it was at answer time',
			tally,
		},
		scanner: world.scanner,
	};
}

// ---------------------------------------------------------------------------------------------

export interface FuzzRow {
	id: string;
	runs: number;
	outcomes: Partial<Record<FuzzOutcome, number>>;
	requests: number;
	problems: string[];
	/** The first failing input, for a reproduction. */
	example?: string;
}

export async function badInput(world: World, options: { runs: number; seed: number }): Promise<FuzzRow[]> {
	const rows: FuzzRow[] = [];
	for (const spec of FUZZ_SPECS) {
		const row: FuzzRow = { id: spec.id, runs: 0, outcomes: {}, requests: 0, problems: [] };
		const record = async (input: FuzzCase) => {
			const verdict = await runFuzzCase(world, spec, input);
			row.runs++;
			row.outcomes[verdict.outcome] = (row.outcomes[verdict.outcome] ?? 0) + 1;
			row.requests += verdict.requests;
			for (const problem of verdict.problems) {
				const key = problem.slice(0, 120);
				if (!row.problems.some((known) => known.startsWith(key))) row.problems.push(problem);
			}
			if (verdict.problems.length && !row.example) {
				row.example = JSON.stringify({ auth: input.auth, parameters: input.parameters, items: input.items.map((item) => item.json), requestOptions: input.requestOptions }).slice(0, 600);
			}
		};
		// every run counted: no shrinking, the report wants the distribution
		await fc.assert(
			fc.asyncProperty(spec.arbitrary, async (input) => {
				await record(input);
			}),
			{ numRuns: options.runs, seed: options.seed },
		);
		rows.push(row);
	}
	// Probes for what the arbitraries may miss with a given seed, on an account without orders (a
	// new PSP account): there the list answer has no page count
	world.sandbox.admin.reset({});
	const probes: Array<[string, FuzzCase]> = ['order', 'sku', 'product', 'stock'].map((resource) => [
		`siteFlow.${resource}.getAll`,
		{ auth: 'siteFlowApi', parameters: { resource, operation: 'getAll', returnAll: false, limit: '={{ "two" }}' }, items: [{ json: {} }], requestOptions: { pacePerMinute: 0, retryBaseMs: 5 }, invalid: 'a Limit that is not a number' },
	]);
	for (const [id, input] of probes) {
		const spec = FUZZ_SPECS.find((candidate) => candidate.id === id)!;
		const verdict = await runFuzzCase(world, spec, input);
		rows.push({
			id: `${id} (probe: Limit "two")`,
			runs: 1,
			outcomes: { [verdict.outcome]: 1 },
			requests: verdict.requests,
			problems: verdict.problems,
			example: verdict.problems.length ? JSON.stringify(input.parameters) : undefined,
		});
	}
	return rows;
}

export function fuzzTally(rows: FuzzRow[]): Tally {
	const tally = emptyTally();
	for (const row of rows) {
		tally.requests += row.requests;
		tally.itemsSucceeded += row.outcomes.succeeded ?? 0;
		tally.itemsFailedClearly += (row.outcomes.refusedLocally ?? 0) + (row.outcomes.apiError ?? 0) + (row.outcomes.failedAfterRequests ?? 0);
		tally.unhandledErrors += row.outcomes.unhandled ?? 0;
	}
	return tally;
}

// ---------------------------------------------------------------------------------------------

export interface HostileResult {
	where: string;
	summary: HostileSummary;
	ranAWorkflow: number;
	controlRan: boolean;
	findings: SecretFinding[];
}

/** The in-process fallback: n8n-core's WebhookContext behind a real HTTP server. */
export async function hostileInProcess(count: number): Promise<HostileResult> {
	const token = `tok-${Date.now().toString(36)}${Math.random().toString(36).slice(2)}0123456789`;
	const scanner = new SecretScanner();
	scanner.addSecret('the postback token', token);
	const server = await startTriggerServer({
		parameters: { path: 'siteflow', httpMethod: 'POST', authentication: 'headerToken' },
		credentials: { siteFlowPostbackAuthApi: { headerName: 'X-SiteFlow-Token', token, user: '', password: '' } },
	});
	try {
		const requests = hostileRequests({ webhookPath: 'siteflow', method: 'POST', headerName: 'X-SiteFlow-Token', token }, { count, seed: 11 });
		const responses = await sendAll(server.url, requests, 16);
		const summary = summarise(responses, requests, [token]);
		const ranAWorkflow = server.emissions.length;
		scanner.scan('answers to the hostile requests', responses.map((response) => ({ body: response.body, headers: response.headers })));
		const control = await fetch(server.webhookUrl('siteflow'), { method: 'POST', headers: { 'content-type': 'application/json', 'X-SiteFlow-Token': token }, body: postbackBody('control') });
		await server.waitForEmissions(ranAWorkflow + 1, 5000).catch(() => undefined);
		scanner.scan('trigger output', server.emissions);
		return { where: 'in-process (n8n-core WebhookContext)', summary, ranAWorkflow, controlRan: control.status === 200 && server.emissions.length === ranAWorkflow + 1, findings: scanner.findings };
	} finally {
		await server.close();
	}
}
