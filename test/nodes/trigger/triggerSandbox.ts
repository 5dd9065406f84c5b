/**
 * The setup of the Site Flow trigger tests that need both ends: the PrintOS sandbox (for Fetch Full
 * Order and its postbacks) and the trigger served over real HTTP (`webhookHarness.ts`), both started
 * once per test file, reset before each test and closed after the file.
 */
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startTriggerServer, type TriggerServer } from './webhookHarness';

export interface TriggerSandbox {
	readonly sandbox: Sandbox;
	readonly server: TriggerServer;
}

/** Registers beforeAll/beforeEach/afterAll for the calling test file; its own beforeEach runs after the resets. */
export function useTriggerSandbox(): TriggerSandbox {
	let started: TriggerSandbox | undefined;
	beforeAll(async () => {
		const [sandbox, server] = await Promise.all([startSandbox({ port: 0 }), startTriggerServer()]);
		started = { sandbox, server };
	});
	afterAll(async () => {
		await Promise.all([started?.sandbox.close(), started?.server.close()]);
	});
	beforeEach(() => {
		current().sandbox.reset();
		current().server.reset();
	});
	const current = (): TriggerSandbox => {
		if (!started) throw new Error('the trigger sandbox has not started');
		return started;
	};
	return {
		get sandbox() {
			return current().sandbox;
		},
		get server() {
			return current().server;
		},
	};
}
