/**
 * One bad-input run and its verdict against the case's oracle (types.ts). Always: no JavaScript
 * runtime error leaks out, the run ends (no hang), requests stay on their API paths, and the
 * node's own claim "Nothing was sent" is true.
 */

import { resetPacers } from '../../../../nodes/PrintOs/transport/pacer';
import { isNodeError, unclearReason, wrapsForeignError } from '../clarity';
import type { World } from '../world';
import { requestOptionsProblem } from './requestOptions';
import type { FuzzCase, FuzzSpec } from './types';
import { watchedRun } from './watchdog';

export type FuzzOutcome = 'succeeded' | 'refusedLocally' | 'apiError' | 'failedAfterRequests' | 'unhandled';

export interface FuzzVerdict {
	outcome: FuzzOutcome;
	requests: number;
	problems: string[];
	secretsFound: number;
	message?: string;
}

/** Where the nodes may send requests: the API families and the sandbox's presigned upload URLs. */
const API_PATH = /^\/(api|siteflow\/api|box\/api|orders\/api)\/|^\/_uploads\/[0-9a-f]{24}$/;
export async function runFuzzCase(world: World, spec: FuzzSpec, given: FuzzCase): Promise<FuzzVerdict> {
	const optionsProblem = requestOptionsProblem(given.requestOptions);
	const input: FuzzCase = optionsProblem ? { ...given, invalid: given.invalid ?? optionsProblem, mustSend: false } : given;
	world.clearLogs();
	resetPacers();
	const problems: string[] = [];
	const { run, stopped } = await watchedRun(world, spec, input);
	if (stopped) problems.push(stopped);
	const requests = world.sandbox.admin.requests(5000).requests;
	const apiRequests = requests.filter((entry) => entry.family !== null);

	let outcome: FuzzOutcome = 'succeeded';
	const error = run.thrown[0];
	const message = run.crashed?.message ?? error?.message ?? run.result.error?.message;
	if (run.crashed) {
		outcome = 'unhandled';
		problems.push(`n8n could not run the node: ${run.crashed.name}: ${run.crashed.message}`);
	} else if (run.result.error) {
		if (!error) {
			outcome = 'unhandled';
			problems.push(`the run failed outside the node's execute(): ${run.result.error.message}`);
		} else if (!isNodeError(error) || wrapsForeignError(error)) {
			outcome = 'unhandled';
			problems.push(`an unhandled ${(error as Error).constructor?.name ?? 'error'} escaped: ${error.message}`);
		} else {
			const unclear = unclearReason(error);
			if (unclear) {
				outcome = 'unhandled';
				problems.push(`unclear error: ${unclear}`);
			} else if (error.constructor.name === 'NodeOperationError' || error.name === 'NodeOperationError') {
				outcome = apiRequests.length ? 'failedAfterRequests' : 'refusedLocally';
			} else {
				outcome = 'apiError';
			}
		}
	}

	// a run the watchdog had to stop is unhandled, whatever error the stop produced
	if (stopped) outcome = 'unhandled';

	if (input.invalid) {
		if (outcome === 'succeeded') problems.push(`input with ${input.invalid} was accepted`);
		else if (outcome !== 'unhandled' && outcome !== 'refusedLocally') problems.push(`input with ${input.invalid} was not refused locally (${outcome}: ${message})`);
		if (apiRequests.length) {
			const listed = apiRequests.slice(0, 3).map((entry) => `${entry.method} ${entry.path}`).join(', ');
			problems.push(`input with ${input.invalid} was sent: ${listed}${apiRequests.length > 3 ? ` and ${apiRequests.length - 3} more` : ''}`);
		}
	}
	if (input.mustSend && outcome === 'refusedLocally') problems.push(`valid input was refused locally: ${message}`);
	const claim = `${message ?? ''} ${(error as { description?: string } | undefined)?.description ?? ''}`;
	if (/Nothing was sent/i.test(claim) && apiRequests.length) problems.push(`the error says "Nothing was sent" but ${apiRequests.length} request(s) were`);
	if (/Nothing was uploaded/i.test(claim) && requests.some((entry) => entry.family === null)) problems.push('the error says "Nothing was uploaded" but an upload was sent');
	for (const entry of requests) {
		if (!API_PATH.test(entry.path) || /(^|\/)\.\.?(\/|$)/.test(entry.path)) problems.push(`a request left the API paths: ${entry.method} ${entry.path}`);
	}

	const secretsFound = world.scanRun(`bad input for ${spec.id}`, run);
	if (secretsFound) problems.push(`${secretsFound} secret(s) in output, errors or logs`);
	return { outcome, requests: requests.length, problems, secretsFound, message };
}
