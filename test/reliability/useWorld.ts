/**
 * The jest side of a reliability world: one per test file, started before its tests and closed
 * after them, with the rule that holds across every test of the file — no secret anywhere.
 */
import { World, type WorldOptions } from './lib/world';

export function useWorld(options: WorldOptions = {}): () => World {
	let world: World | undefined;
	beforeAll(async () => {
		world = await World.start({ silentConsole: true, ...options });
	});
	afterAll(async () => {
		await world?.close();
	});
	return () => {
		if (!world) throw new Error('the reliability world has not started');
		return world;
	};
}

/** The last test of a file: nothing the file did put a secret anywhere, and the scan did look. */
export function itLeaksNoSecret(world: () => World, minimumSignatures = 1): void {
	it('leaked no secret, signing key or full signature anywhere (output, errors, console, sandbox logs)', () => {
		const current = world();
		current.scanLogs('end of file');
		expect(current.scanner.signatureCount).toBeGreaterThanOrEqual(minimumSignatures);
		expect(current.scanner.scans).toBeGreaterThan(0);
		expect(current.scanner.findings).toEqual([]);
	});
}
