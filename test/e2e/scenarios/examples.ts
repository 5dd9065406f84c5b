/**
 * The example workflows users import (examples/*.json, written by scripts/examples/build.ts) run
 * as they are: the web-shop order reaches the sandbox with its artwork, the Box intake stores the
 * PDF, the reconciliation lists open orders, the active "shipped" workflow emails the customer
 * when the sandbox posts the order's Shipment Shipped, and the polling "shipped → proof" workflow,
 * active from the start of the scenario, emails the web-shop order's artwork as an attachment
 * after its next poll once the order has shipped.
 */
import { POSTBACK_HEADER } from '../../../scripts/lib/credentials';
import { loadExamples } from '../../../scripts/lib/examples';
import { describeFailure, nodeOutput } from '../../../scripts/lib/n8nCli';
import { waitFor } from '../../../scripts/lib/n8nServer';
import { configurePostbacks } from '../../../scripts/lib/sandbox';
import { attachmentsOf } from '../../../scripts/lib/mailSink';
import { EXAMPLE_IDS, SHIPPED_EMAIL_PATH } from '../../../scripts/examples/build';
import { businessCardPdfBase64 } from '../fixtures';
import { check, checkEqual, excerpt, type E2eEnv, type Scenario } from '../harness';
import { activatePolling } from './polling';

/** Poll Times every minute, plus the time the execution takes. */
const NEXT_POLL_MS = 150_000;

export const examplesScenario: Scenario = {
	name: 'Examples: every example workflow imports and runs',
	workflows: () => loadExamples().map((example) => example.workflow),
	activate: [EXAMPLE_IDS.shippedEmail],
	async run(env) {
		// Activated here rather than when n8n starts, so that it polls during this scenario only.
		const polling = await activatePolling(env, EXAMPLE_IDS.shippedProof);
		try {
			await runExamples(env);
		} finally {
			await polling.deactivate();
		}
	},
};

async function runExamples(env: E2eEnv): Promise<void> {
	const webshop = await env.execute(EXAMPLE_IDS.webshop);
	check(webshop.ok, `web-shop example failed: ${describeFailure(webshop)}`);
	const [result] = nodeOutput(webshop.run, 'Result');
	check(result?.siteFlowOrderId, `web-shop example returned no order: ${excerpt(result)}`);
	const orders = (await env.sandbox.admin('GET', `orders?sourceOrderId=${encodeURIComponent(result.sourceOrderId)}`)).orders;
	checkEqual(orders.length, 1, `orders in the sandbox with sourceOrderId ${result.sourceOrderId}`);

	const uploadsBefore = (await env.sandbox.admin('GET', 'uploads')).count;
	const intake = await env.execute(EXAMPLE_IDS.boxIntake);
	check(intake.ok, `Box intake example failed: ${describeFailure(intake)}`);
	const [file] = nodeOutput(intake.run, 'Get file');
	check(file?._id && file?.folderId, `Box intake returned no file: ${excerpt(file)}`);
	check((await env.sandbox.admin('GET', 'uploads')).count > uploadsBefore, 'the Box intake stored no upload in the sandbox');

	const reconciliation = await env.execute(EXAMPLE_IDS.reconciliation);
	check(reconciliation.ok, `reconciliation example failed: ${describeFailure(reconciliation)}`);
	const summary = nodeOutput(reconciliation.run, 'Summary');
	check(summary.length > 0, 'the reconciliation summarised no open orders');

	// The web-shop order's life, posted by the sandbox to the active example: one email.
	const url = `${env.n8nUrl}/webhook/${SHIPPED_EMAIL_PATH}`;
	await waitFor('the shipped-email webhook', async () => ((await fetch(url, { method: 'POST', body: '{}' })).status !== 404 ? true : undefined), 60_000);
	await configurePostbacks(env.sandbox, url, { [POSTBACK_HEADER]: env.postbackToken });
	await env.sandbox.admin('POST', 'clock/advance', { seconds: 6 * 3600 });
	const mail = await waitFor(
		'the shipped email',
		async () => env.mail.messages.find((message) => message.subject === `Your order ${result.sourceOrderId} has shipped`),
		60_000,
	);
	check(/Tracking number \S+/.test(mail.text) && !/Tracking number n\/a/.test(mail.text), `the email carried no tracking number: ${excerpt(mail.text)}`);
	env.log(`emailed "${mail.subject}"`);

	// The same order, seen shipped by the polling example's next poll: its artwork, attached.
	const proofMail = await waitFor(
		"the polling example's email with the proof",
		async () => env.mail.messages.find((message) => message.subject === `Proof of your shipped order ${result.sourceOrderId}`),
		NEXT_POLL_MS,
	);
	const attachments = attachmentsOf(proofMail);
	checkEqual(attachments.length, 1, 'attachments of the proof email');
	const artwork = Buffer.from(businessCardPdfBase64('Business card'), 'base64');
	check(attachments[0].bytes.equals(artwork), `the attachment is not the order's artwork (${attachments[0].bytes.length} bytes, ${attachments[0].fileName})`);
	// the artwork was uploaded, so its storage URL ends in an id: the node names it after its component, as a PDF
	check(/^[^/]+\.pdf$/i.test(attachments[0].fileName ?? ''), `the attachment is not named as a PDF: ${attachments[0].fileName}`);
	check(/tracking number (?!n\/a)\S+/.test(proofMail.text), `the proof email carried no tracking number: ${excerpt(proofMail.text)}`);
	env.log(`emailed "${proofMail.subject}" with ${attachments[0].fileName} (${artwork.length} bytes)`);
}
