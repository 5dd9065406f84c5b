/**
 * The setup of the Site Flow trigger tests that need both ends: the PrintOS sandbox (for Fetch Full
 * Order and its postbacks) and the trigger served over real HTTP (`webhookHarness.ts`), both started
 * once per test file, reset before each test and closed after the file.
 */
import { startSandbox, type Sandbox } from '../../../sandbox';
import { startedPerFile } from '../../harness/perFile';
import { startTriggerServer, type TriggerServer } from './webhookHarness';

export interface TriggerSandbox {
	readonly sandbox: Sandbox;
	readonly server: TriggerServer;
}

/** Registers beforeAll/beforeEach/afterAll for the calling test file; its own beforeEach runs after the resets. */
export function useTriggerSandbox(): TriggerSandbox {
	const current = startedPerFile<TriggerSandbox>(
		'the trigger sandbox',
		async () => {
			const [sandbox, server] = await Promise.all([startSandbox({ port: 0 }), startTriggerServer()]);
			return { sandbox, server };
		},
		async ({ sandbox, server }) => await Promise.all([sandbox.close(), server.close()]),
	);
	beforeEach(() => {
		current().sandbox.reset();
		current().server.reset();
	});
	return {
		get sandbox() {
			return current().sandbox;
		},
		get server() {
			return current().server;
		},
	};
}
