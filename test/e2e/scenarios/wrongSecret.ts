/**
 * Scenario 5: a call signed with a wrong secret fails the workflow with PrintOS's own message
 * (the sandbox answers 401 "Signature mismatch ..." as PrintOS does), and the secret appears
 * nowhere: not in the CLI output, the execution data n8n stores and serves, nor any file of the
 * n8n user folder (database included; credentials themselves are stored encrypted).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { CredentialImport } from '../../../scripts/lib/n8nCli';
import { describeFailure } from '../../../scripts/lib/n8nCli';
import { sandboxCredentialData } from '../../../scripts/lib/sandbox';
import { chain, check, excerpt, node, workflow, type Scenario } from '../harness';

const SITE_FLOW_WORKFLOW = 'e2eWrongSecretSf';
const BOX_WORKFLOW = 'e2eWrongSecretBx';
const SF_CREDENTIAL = { id: 'sfWrongSecret001', name: 'Site Flow Sandbox (wrong secret)' };
const GW_CREDENTIAL = { id: 'gwWrongSecret001', name: 'PrintOS Sandbox (wrong secret)' };
// Distinctive, so that finding it anywhere is certain to be a leak.
const WRONG_SECRET = `wrong-secret-${crypto.randomBytes(12).toString('hex')}`;
const PRINTOS_MESSAGE = /Signature mismatch/;

function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
	});
}

export const wrongSecretScenario: Scenario = {
	name: '5. Wrong secret: the workflow fails with the PrintOS message; the secret is nowhere',
	credentials: (setup): CredentialImport[] => {
		const data = sandboxCredentialData(setup.sandboxUrl, setup.orderServiceUrl);
		return [
			{ ...SF_CREDENTIAL, type: 'siteFlowApi', data: { ...data.siteFlowApi, secret: WRONG_SECRET } },
			{ ...GW_CREDENTIAL, type: 'printOsApi', data: { ...data.printOsApi, secret: WRONG_SECRET } },
		];
	},
	workflows: () => [
		workflow(
			SITE_FLOW_WORKFLOW,
			'E2E: Site Flow with a wrong secret',
			[
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node(
					'List orders',
					'n8n-nodes-printos.printOsSiteFlow',
					{ authentication: 'siteFlowApi', resource: 'order', operation: 'getAll', returnAll: false, limit: 5 },
					{ credentials: { siteFlowApi: SF_CREDENTIAL } },
				),
			],
			chain('Start', 'List orders'),
		),
		workflow(
			BOX_WORKFLOW,
			'E2E: Box with a wrong secret',
			[
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node(
					'Substrates',
					'n8n-nodes-printos.printOsBox',
					{ resource: 'substrate', operation: 'getMany', returnAll: true },
					{ credentials: { printOsApi: GW_CREDENTIAL } },
				),
			],
			chain('Start', 'Substrates'),
		),
	],
	async run(env) {
		const outputs: string[] = [];
		for (const id of [SITE_FLOW_WORKFLOW, BOX_WORKFLOW]) {
			const outcome = await env.execute(id);
			outputs.push(outcome.output);
			check(!outcome.ok && outcome.code !== 0, `${id} succeeded with a wrong secret`);
			const failure = describeFailure(outcome);
			check(PRINTOS_MESSAGE.test(failure), `${id} failed without the PrintOS message: ${excerpt(failure)}`);
			check(/refused|401|unauthori[sz]ed/i.test(failure), `${id}'s error does not say it was an authorization failure: ${excerpt(failure)}`);
		}

		// Where the secret could leak: what the CLI printed, the stored executions, every file n8n wrote.
		check(!outputs.some((text) => text.includes(WRONG_SECRET)), 'the secret appears in the output of n8n execute');
		for (const id of [SITE_FLOW_WORKFLOW, BOX_WORKFLOW]) {
			const executions = await env.executions(id);
			check(executions.length > 0, `n8n stored no execution of ${id}`);
			check(!JSON.stringify(executions).includes(WRONG_SECRET), `the secret appears in the stored execution data of ${id}`);
		}
		const leaking = filesUnder(path.join(env.instance.userFolder, '.n8n'))
			.concat(filesUnder(env.instance.logDir))
			.filter((file) => fs.readFileSync(file).includes(WRONG_SECRET));
		check(leaking.length === 0, `the secret appears in ${leaking.join(', ')}`);
		env.log('both failures carried "Signature mismatch"; the secret was found nowhere');
	},
};
