/**
 * Clock skew: a machine clock 20 minutes off. The sandbox, like PrintOS, refuses signatures dated
 * more than 15 minutes from its own time, with a 401 whose message must tell the user to check the
 * clock. The offset is applied to the signing step only (the credential's `authenticate`; see
 * lib/world.ts), so the sandbox in the same process keeps the true time; the sandbox's request log
 * shows the signed date really was 20 minutes off.
 *
 * Restart: a sandbox started with a data file (`--data`) is stopped between submit and get, or its
 * file is taken as it was right after the answers (as after a crash): nothing is lost.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { IDataObject } from 'n8n-workflow';

import { itemsOf, makeFiles, makeFolders, rl, submitOrders, validOrder } from './lib/operations';
import { startRelSandbox, World, type Auth, type NodeName } from './lib/world';
import { itLeaksNoSecret, useWorld } from './useWorld';

const TWENTY_MINUTES = 20 * 60_000;

describe('clock skew', () => {
	const world = useWorld();

	const READS: Array<[string, NodeName, Auth, IDataObject]> = [
		['Box with the gateway key', 'box', 'printOsApi', { resource: 'substrate', operation: 'getMany', returnAll: true }],
		['Site Flow with the token', 'siteFlow', 'siteFlowApi', { resource: 'account', operation: 'get' }],
		['Site Flow through the gateway', 'siteFlow', 'printOsApi', { resource: 'sku', operation: 'getAll', returnAll: true }],
	];

	describe.each([
		['20 minutes ahead', TWENTY_MINUTES],
		['20 minutes behind', -TWENTY_MINUTES],
	])('a clock %s', (_label, offset) => {
		it.each(READS)('%s: 401 telling the user to check the clock, not retried', async (_name, node, auth, parameters) => {
			const current = world();
			current.clearLogs();
			const run = await current.withClockOffset(offset, () => current.run(node, auth, parameters));
			const error = run.thrown[0] as Error & { description?: string; httpCode?: string };
			expect(error?.httpCode).toBe('401');
			expect(error.message).toMatch(/too far from the server time/);
			expect(error.message).toMatch(/check this machine's clock/);
			expect(error.description).toMatch(/PrintOS refused the HP .* credential/);
			const requests = current.sandbox.admin.requests(10).requests;
			expect(requests).toHaveLength(1);
			const dateHeader = requests[0].headers[auth === 'printOsApi' ? 'x-hp-hmac-date' : 'x-oneflow-date'] as string;
			expect(Math.abs(Date.parse(dateHeader) - Date.now() - offset)).toBeLessThan(60_000);
		});

		it('Submit: refused, nothing created, the clock named', async () => {
			const current = world();
			const id = `SKEW-${offset > 0 ? 'A' : 'B'}-${Date.now().toString(36)}`;
			const run = await current.withClockOffset(offset, () =>
				current.run(
					'siteFlow',
					'siteFlowApi',
					{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
					{ items: itemsOf([{ order: validOrder(id) }]), continueOnFail: true },
				),
			);
			expect(run.result.items[0].json.error).toMatchObject({ message: expect.stringMatching(/check this machine's clock/), httpCode: 401 });
			expect(current.sandbox.admin.orders({ sourceOrderId: id }).orders).toHaveLength(0);
		});
	});

	it('control: 5 minutes off is within what PrintOS allows, and works', async () => {
		const current = world();
		const run = await current.withClockOffset(5 * 60_000, () => current.run('siteFlow', 'siteFlowApi', { resource: 'account', operation: 'get' }));
		expect(run.result.error).toBeUndefined();
		expect(run.result.items).toHaveLength(1);
	});

	itLeaksNoSecret(world, 8);
});

describe('a sandbox restart with a data file between submit and get', () => {
	let dir: string;
	let world: World;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'printos-reliability-'));
		world = await World.start({ silentConsole: true, dataFile: join(dir, 'state.json') });
	});
	afterAll(async () => {
		await world?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function get(parameters: IDataObject, auth: Auth = 'siteFlowApi', node: NodeName = 'siteFlow') {
		const run = await world.run(node, auth, parameters);
		if (run.result.error) throw run.result.error;
		return run.result.items.map((item) => item.json);
	}

	it('loses no order, no dropped-then-confirmed order, no folder and no file', async () => {
		const ids = ['RST-1', 'RST-2', 'RST-3'];
		const orders = await submitOrders(world, ids.slice(0, 2));
		// the third is processed, then its connection dropped; the node confirms it by lookup
		world.sandbox.admin.setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		const [dropped] = await submitOrders(world, ids.slice(2));
		expect(dropped.submission).toMatchObject({ outcome: 'confirmedAfterConnectionLoss' });
		const [folderId] = await makeFolders(world, ['Restart folder']);
		const [file] = await makeFiles(world, folderId, ['restart.pdf']);
		// the file as it is on disk right after the answers: what a crash would leave
		copyFileSync(join(dir, 'state.json'), join(dir, 'crash-copy.json'));

		await world.restartSandbox();

		for (const [index, id] of ids.entries()) {
			const [bySource] = await get({ resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: id, simplify: false });
			expect(bySource.orderData).toMatchObject({ sourceOrderId: id });
			const expectedId = index < 2 ? orders[index]._id : dropped._id;
			expect(bySource._id).toBe(expectedId);
			const [byId] = await get({ resource: 'order', operation: 'get', getBy: 'id', orderId: rl(String(expectedId)), simplify: false });
			expect(byId._id).toBe(expectedId);
			expect(world.sandbox.admin.orders({ sourceOrderId: id }).orders).toHaveLength(1);
		}
		const [folder] = await get({ resource: 'folder', operation: 'get', folderId: rl(folderId) }, 'printOsApi', 'box');
		expect(folder._id).toBe(folderId);
		const [again] = await get({ resource: 'file', operation: 'get', fileId: rl(String(file._id)) }, 'printOsApi', 'box');
		expect(again.name).toBe('restart.pdf');
		// a re-send after the restart is still refused as a duplicate: the store kept sourceOrderIds
		const resent = await world.run(
			'siteFlow',
			'siteFlowApi',
			{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
			{ items: itemsOf([{ order: validOrder('RST-1') }]), continueOnFail: true },
		);
		expect(run0Message(resent.result.items[0].json)).toMatch(/Source Order ID already exists/);

		const crashed = await startRelSandbox({ port: 0, dataFile: join(dir, 'crash-copy.json') });
		try {
			// orders are on disk before they are answered (the sandbox's promise); Box objects are
			// written a moment later, so only the orders are checked in the crash copy
			for (const id of ids) expect(crashed.admin.orders({ sourceOrderId: id }).orders).toHaveLength(1);
		} finally {
			await crashed.close();
		}
	});

	it('leaked no secret across the restart', () => {
		world.scanLogs('restart');
		expect(world.scanner.signatureCount).toBeGreaterThan(5);
		expect(world.scanner.findings).toEqual([]);
	});
});

function run0Message(json: Record<string, unknown>): string {
	return String((json.error as { message?: unknown } | undefined)?.message);
}
