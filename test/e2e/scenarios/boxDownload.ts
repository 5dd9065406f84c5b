/**
 * A Box file back into n8n and out by email: a file the sandbox's Box holds (added from a URL whose
 * bytes the sandbox generates) is downloaded with Box File → Download into n8n's binary data and
 * attached by n8n's Send Email node; the local mail sink receives the same bytes under the same name.
 */
import { createHash } from 'node:crypto';

import { generatedSha256, generatedUrl } from '../../../sandbox/downloads';
import { attachmentsOf } from '../../../scripts/lib/mailSink';
import { describeFailure, nodeOutput } from '../../../scripts/lib/n8nCli';
import { waitFor } from '../../../scripts/lib/n8nServer';
import { creds } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type Scenario, type SetupInfo } from '../harness';

const BOX = 'n8n-nodes-printos.printOsBox';
const WORKFLOW_ID = 'e2eBoxDlEmail001';
const FILE_NAME = 'proof-e2e.pdf';
/** Larger than one read of the socket and one base64 line, small enough for an email. */
const FILE_BYTES = 300_000;
const SEED = 'e2e-box-download';
const SUBJECT = 'E2E: your proof from Box';

function boxNode(name: string, parameters: Record<string, unknown>) {
	return node(name, BOX, parameters, { credentials: creds.gateway });
}

function buildWorkflow(setup: SetupInfo) {
	return workflow(
		WORKFLOW_ID,
		'E2E: Box file download attached to an email',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			boxNode('Create folder', { resource: 'folder', operation: 'create', name: 'E2E download', from: 'shop@example.com' }),
			boxNode('Add file', {
				resource: 'file',
				operation: 'uploadFromUrl',
				folderId: { __rl: true, mode: 'id', value: '={{ $json._id }}' },
				url: generatedUrl(setup.sandboxUrl, FILE_BYTES, SEED, FILE_NAME),
				name: FILE_NAME,
				copies: 1,
			}),
			boxNode('Download', {
				resource: 'file',
				operation: 'download',
				fileId: { __rl: true, mode: 'id', value: '={{ $json._id }}' },
				binaryPropertyName: 'proof',
			}),
			node(
				'Send email',
				'n8n-nodes-base.emailSend',
				{
					fromEmail: 'studio@example-shop.com',
					toEmail: 'customer@example.com',
					subject: SUBJECT,
					emailFormat: 'text',
					text: '={{ "Your proof " + $json.fileName + " is attached." }}',
					options: { attachments: 'proof' },
				},
				{ typeVersion: 2.1, credentials: creds.smtp },
			),
		],
		chain('Start', 'Create folder', 'Add file', 'Download', 'Send email'),
	);
}

export const boxDownloadScenario: Scenario = {
	name: 'Box download: a Box file downloaded into n8n arrives as an email attachment',
	workflows: (setup) => [buildWorkflow(setup)],
	async run(env) {
		const outcome = await env.execute(WORKFLOW_ID);
		check(outcome.ok, `the workflow failed: ${describeFailure(outcome)}`);
		const [downloaded] = nodeOutput(outcome.run, 'Download');
		check(downloaded?.fileName === FILE_NAME, `Download named no ${FILE_NAME}: ${excerpt(downloaded)}`);

		const mail = await waitFor('the email with the proof', async () => env.mail.messages.find((message) => message.subject === SUBJECT), 30_000);
		const attachments = attachmentsOf(mail);
		checkEqual(
			attachments.map((attachment) => ({ fileName: attachment.fileName, size: attachment.bytes.length })),
			[{ fileName: FILE_NAME, size: FILE_BYTES }],
			'attachments of the email',
		);
		checkEqual(
			createHash('sha256').update(attachments[0].bytes).digest('hex'),
			generatedSha256(FILE_BYTES, SEED),
			'SHA-256 of the attachment (the bytes Box holds)',
		);
		env.log(`emailed ${FILE_NAME}, ${FILE_BYTES} bytes, SHA-256 matches`);
	},
};
