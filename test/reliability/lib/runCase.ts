/**
 * Runs one cell of the fault matrix (an operation under a fault kind) and judges it. Shared by the
 * jest tests (which assert `problems` is empty) and `npm run reliability` (which counts).
 */
import type { IDataObject } from 'n8n-workflow';

import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import type { FaultState } from '../../../sandbox';
import { itemError, unclearReason } from './clarity';
import { ITEMS_PER_CASE, type FaultSpec } from './faults';
import type { OperationSpec, Prepared } from './operations';
import type { NodeRun, World } from './world';

export type ItemOutcome = 'succeeded' | 'failedClearly' | 'failedUnclearly';

/** Figures every part of the reliability suite adds up. */
export interface Tally {
	requests: number;
	faultsInjected: number;
	itemsSucceeded: number;
	itemsFailedClearly: number;
	unhandledErrors: number;
	duplicateOrders: number;
}

export interface CaseResult extends Tally {
	op: string;
	opLabel: string;
	fault: string;
	faultLabel: string;
	outcomes: ItemOutcome[];
	/** Per item: the error message, or the submission outcome for a submitted order. */
	details: string[];
	secretsFound: number;
	/** Everything that contradicts the expectation; empty when the cell passes. */
	problems: string[];
	ms: number;
}

/** Faults the sandbox actually applied: what was set minus what is left. */
export function consumedFaults(set: IDataObject, left: FaultState): number {
	let consumed = 0;
	const count = (rule: unknown) => Number((rule as { count?: number } | null | undefined)?.count ?? 0);
	if (set.failNext) consumed += count(set.failNext) - count(left.failNext);
	if (set.dropAfterProcessing) consumed += count(set.dropAfterProcessing) - count(left.dropAfterProcessing);
	if (set.dropBeforeProcessing) consumed += count(set.dropBeforeProcessing) - count(left.dropBeforeProcessing);
	if (set.slow) consumed += count(set.slow) - count(left.slow);
	return consumed;
}

const LOST_CONNECTION_FAULTS = new Set(['timeout', 'connectionDrop', 'connectionDropBeforeProcessing']);

let caseCounter = 0;

export async function runCase(world: World, op: OperationSpec, fault: FaultSpec): Promise<CaseResult> {
	const started = Date.now();
	const where = `${op.id} × ${fault.id}`;
	const tag = `c${++caseCounter}`;
	const admin = world.sandbox.admin;
	admin.reset({});
	resetPacers();
	const problems: string[] = [];

	let prepared: Prepared;
	try {
		prepared = await op.prepare(world, ITEMS_PER_CASE, tag);
	} catch (error) {
		throw new Error(`${where}: ${(error as Error).message}`);
	}
	world.scanLogs(`${where} (setup)`);
	world.clearLogs();

	const knobs = fault.knobs(op);
	admin.setFaults(knobs);
	const run: NodeRun = await world.run(op.node, op.auth, prepared.parameters, {
		items: prepared.items,
		continueOnFail: true,
		requestOptions: { concurrency: 1, ...(fault.requestOptions ?? {}) },
	});
	const left = admin.faults();
	admin.clearFaults();
	const stats = admin.stats();
	const requests = admin.requests(5000).requests;
	const faultsInjected = consumedFaults(knobs, left);
	if (faultsInjected === 0) problems.push('the fault never fired (the operation sent no API request?)');

	// What happened to each input item
	const outcomes: ItemOutcome[] = [];
	const details: string[] = [];
	let unhandledErrors = 0;
	if (run.crashed || run.result.error) {
		const error = run.crashed ?? run.result.error;
		problems.push(`the node failed as a whole despite Continue On Fail: ${error?.message}`);
		unhandledErrors++;
	}
	for (let index = 0; index < prepared.items.length; index++) {
		const outputs = run.result.items.filter((item) => (item.pairedItem as { item?: number } | undefined)?.item === index);
		const failure = outputs.map((item) => itemError(item.json)).find((error) => error !== undefined);
		if (!failure) {
			outcomes.push('succeeded');
			const submission = outputs[0]?.json.submission as IDataObject | undefined;
			details.push(submission ? String(submission.outcome) : outputs.length ? 'ok' : 'ok (no output)');
			continue;
		}
		const unclear = unclearReason(failure);
		outcomes.push(unclear ? 'failedUnclearly' : 'failedClearly');
		details.push(String(failure.message));
		if (unclear) {
			unhandledErrors++;
			problems.push(`item ${index}: unclear error (${unclear})`);
		}
	}

	// Against the expectation
	const expected = fault.expect(op);
	for (const index of expected.succeed) {
		if (outcomes[index] === 'succeeded') continue;
		const orderServiceHonest =
			op.id.includes('submitOrderService') && LOST_CONNECTION_FAULTS.has(fault.id) && /outcome of submitting order .* is unknown/.test(details[index]);
		if (!orderServiceHonest) problems.push(`item ${index} should have succeeded after retries but failed: ${details[index]}`);
	}
	for (const index of expected.fail) {
		if (outcomes[index] === 'succeeded') problems.push(`item ${index} should have failed (${fault.label} cannot be retried for this operation) but succeeded`);
		else if (expected.pattern && !expected.pattern.test(details[index])) {
			problems.push(`item ${index} failed, but its message does not say why (${expected.pattern}): ${details[index]}`);
		}
	}
	if (op.first === 'lookup' && fault.submitOutcome && outcomes[0] === 'succeeded' && details[0] !== fault.submitOutcome) {
		problems.push(`after "${fault.label}", item 0's submission should be reported as ${fault.submitOutcome}, not ${details[0]}`);
	}

	// Effects: duplicates and lost items
	let duplicateOrders = 0;
	if (op.effects) {
		const effects = op.effects(world, prepared, requests);
		effects.forEach((count, index) => {
			if (op.effect === 'none') {
				if (count > 0) problems.push(`item ${index} left ${count} effect(s) behind, but this operation must create nothing`);
				return;
			}
			if (count > 1) {
				duplicateOrders += count - 1;
				problems.push(`item ${index} (${prepared.keys[index]}) took effect ${count} times`);
			}
			if (count === 0 && outcomes[index] === 'succeeded') problems.push(`item ${index} (${prepared.keys[index]}) reported success, but nothing reached PrintOS`);
		});
	}

	const secretsFound = world.scanRun(where, run);
	if (secretsFound) problems.push(`${secretsFound} secret(s) found in output, errors or logs`);

	return {
		op: op.id,
		opLabel: op.label,
		fault: fault.id,
		faultLabel: fault.label,
		outcomes,
		details,
		requests: stats.requests,
		faultsInjected,
		itemsSucceeded: outcomes.filter((outcome) => outcome === 'succeeded').length,
		itemsFailedClearly: outcomes.filter((outcome) => outcome === 'failedClearly').length,
		unhandledErrors,
		duplicateOrders,
		secretsFound,
		problems,
		ms: Date.now() - started,
	};
}

export function describeCase(result: CaseResult): string {
	const items = result.outcomes.map((outcome, index) => `  item ${index}: ${outcome} — ${result.details[index]}`).join('\n');
	return `${result.op} × ${result.fault}\n${items}\n  problems:\n${result.problems.map((problem) => `  - ${problem}`).join('\n')}`;
}
