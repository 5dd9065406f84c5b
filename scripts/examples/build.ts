/**
 * Writes examples/*.json from the same node parameters the e2e suite proves on real n8n, so the
 * examples users import cannot drift from what works. Run: `npx tsx scripts/examples/build.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { base64ToFileParameters, businessCardPdfBase64, creds, setParameters } from '../../test/e2e/fixtures';
import { chain, node, workflow } from '../../test/e2e/harness';
import { ORDER_TRIGGER, orderTriggerParameters } from '../../test/e2e/scenarios/polling';
import { orderFields } from '../../test/e2e/scenarios/siteFlow';
import { examplesDir } from '../lib/examples';

const SITE_FLOW = 'n8n-nodes-printos.printOsSiteFlow';
const BOX = 'n8n-nodes-printos.printOsBox';
const TRIGGER = 'n8n-nodes-printos.printOsSiteFlowTrigger';

export const EXAMPLE_IDS = {
	webshop: 'exWebshopOrder01',
	shippedEmail: 'exShippedEmail01',
	reconciliation: 'exDailyRecon0001',
	boxIntake: 'exBoxIntake00001',
	shippedProof: 'exShippedProof01',
} as const;
/** Node names the e2e suite reads from the examples. */
export const SHIPPED_PROOF_TRIGGER = 'Site Flow Order Trigger';
export const SHIPPED_EMAIL_PATH = 'siteflow-shipped';

function note(name: string, content: string, position: [number, number]) {
	return node(name, 'n8n-nodes-base.stickyNote', { content, width: 420, height: 200 }, { position });
}

function webshopOrder() {
	const upload = 'Upload artwork';
	const artwork = { path: `={{ $('${upload}').item.json.path }}`, fetch: `={{ $('${upload}').item.json.fetch }}` };
	return workflow(
		EXAMPLE_IDS.webshop,
		'PrintOS example: web-shop order to Site Flow with artwork',
		[
			note('About', '## Web-shop order → Site Flow\nA shop order (here a sample; in production a Webhook or your ERP node) with its PDF artwork: the artwork is uploaded to Site Flow storage, the order is validated and submitted. Swap the credentials for your real Site Flow token to go live.', [0, 0]),
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Shop order', 'n8n-nodes-base.set', setParameters([
				['orderNumber', "={{ 'SHOP-' + $now.toMillis() }}", 'string'],
				['pdf', businessCardPdfBase64('Business card'), 'string'],
			]), { typeVersion: 3.4 }),
			node('Artwork PDF', 'n8n-nodes-base.convertToFile', base64ToFileParameters('pdf', 'business-card.pdf'), { typeVersion: 1.1 }),
			node(upload, SITE_FLOW, { authentication: 'siteFlowApi', resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data' }, { credentials: creds.siteFlow }),
			node('Submit order', SITE_FLOW, {
				authentication: 'siteFlowApi',
				resource: 'order',
				operation: 'submit',
				submitTarget: 'siteFlowApi',
				...orderFields("={{ $('Shop order').item.json.orderNumber }}", artwork),
				submitOptions: { validateFirst: true },
			}, { credentials: creds.siteFlow }),
			node('Result', 'n8n-nodes-base.set', setParameters([
				['siteFlowOrderId', '={{ $json._id }}', 'string'],
				['sourceOrderId', "={{ $json.orderData.sourceOrderId }}", 'string'],
				['status', '={{ $json.orderData.status }}', 'string'],
			]), { typeVersion: 3.4 }),
		],
		chain('Start', 'Shop order', 'Artwork PDF', upload, 'Submit order', 'Result'),
	);
}

function shippedEmail() {
	const wf = workflow(
		EXAMPLE_IDS.shippedEmail,
		'PrintOS example: Site Flow shipped → customer email',
		[
			note('About', '## Shipped → email\nSite Flow posts "Shipment Shipped" to this trigger (set the trigger up in Site Flow: see the node\'s notice). The customer gets an email with the tracking link. The demo credential points at a local mail sink.', [0, 0]),
			node('Site Flow Trigger', TRIGGER, { httpMethod: 'POST', path: SHIPPED_EMAIL_PATH, authentication: 'headerToken', events: ['shipmentShipped'] }, {
				webhookId: '0f6d2b8e-5c4a-4e61-9b7e-2a1c3d4e5f60',
				credentials: creds.postback,
			}),
			node('Compose email', 'n8n-nodes-base.set', setParameters([
				['to', 'customer@example.com', 'string'],
				['subject', "={{ 'Your order ' + $json.sourceOrderId + ' has shipped' }}", 'string'],
				['text', "={{ 'Good news: order ' + $json.sourceOrderId + ' is on its way. Tracking number ' + ($json.trackingNumber || 'n/a') + ' ' + ($json.trackingUrl || '') }}", 'string'],
			]), { typeVersion: 3.4 }),
			node('Send email', 'n8n-nodes-base.emailSend', {
				fromEmail: 'orders@example-shop.com',
				toEmail: '={{ $json.to }}',
				subject: '={{ $json.subject }}',
				emailFormat: 'text',
				text: '={{ $json.text }}',
				options: {},
			}, { typeVersion: 2.1, credentials: creds.smtp }),
		],
		chain('Site Flow Trigger', 'Compose email', 'Send email'),
	);
	return { ...wf, active: true };
}

function dailyReconciliation() {
	return workflow(
		EXAMPLE_IDS.reconciliation,
		'PrintOS example: daily reconciliation of open orders',
		[
			note('About', '## Daily reconciliation\nEvery morning, all Site Flow orders are listed and those still open (not shipped or cancelled) are summarised for the ERP or an email.', [0, 0]),
			node('Every morning', 'n8n-nodes-base.scheduleTrigger', { rule: { interval: [{ field: 'days', triggerAtHour: 7 }] } }, { typeVersion: 1.2 }),
			node('Run now', 'n8n-nodes-base.manualTrigger'),
			node('All orders', SITE_FLOW, { authentication: 'siteFlowApi', resource: 'order', operation: 'getAll', returnAll: true, simplify: true }, { credentials: creds.siteFlow }),
			node('Still open', 'n8n-nodes-base.filter', {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
					conditions: [
						{ id: 'open1', leftValue: '={{ ["shipped", "cancelled"].includes($json.status) }}', rightValue: false, operator: { type: 'boolean', operation: 'equals' } },
					],
					combinator: 'and',
				},
				options: {},
			}, { typeVersion: 2 }),
			node('Summary', 'n8n-nodes-base.summarize', { fieldsToSummarize: { values: [{ aggregation: 'count', field: 'status' }] }, fieldsToSplitBy: 'status', options: {} }, { typeVersion: 1 }),
		],
		{ ...chain('All orders', 'Still open', 'Summary'), ...chain('Every morning', 'All orders'), 'Run now': { main: [[{ node: 'All orders', type: 'main', index: 0 }]] } },
	);
}

function boxIntake() {
	return workflow(
		EXAMPLE_IDS.boxIntake,
		'PrintOS example: Box intake with preflight',
		[
			note('About', '## Box intake\nA job arrives with its PDF: a Box folder is created, the file is uploaded (streamed from n8n), preflight is requested and the file is read back. Request Preflight uses an inferred Box path (see README).', [0, 0]),
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Job', 'n8n-nodes-base.set', setParameters([['jobName', "={{ 'Job ' + $now.toFormat('yyyy-LL-dd HH:mm') }}", 'string']]), { typeVersion: 3.4 }),
			// The folder comes first: Box nodes output JSON, so the file's binary is made right before its upload.
			node('Job artwork', 'n8n-nodes-base.set', setParameters([['pdf', businessCardPdfBase64('Box intake'), 'string']]), { typeVersion: 3.4 }),
			node('Artwork PDF', 'n8n-nodes-base.convertToFile', base64ToFileParameters('pdf', 'intake.pdf'), { typeVersion: 1.1 }),
			node('Create folder', BOX, { resource: 'folder', operation: 'create', name: "={{ $('Job').item.json.jobName }}", from: 'brand@example.com', to: 'psp@example.com' }, { credentials: creds.gateway }),
			node('Upload file', BOX, {
				resource: 'file',
				operation: 'uploadBinary',
				folderId: { __rl: true, mode: 'id', value: "={{ $('Create folder').item.json._id }}" },
				binaryPropertyName: 'data',
				copies: 1,
			}, { credentials: creds.gateway }),
			node('Request preflight', BOX, { resource: 'file', operation: 'preflight', fileId: { __rl: true, mode: 'id', value: "={{ $('Upload file').item.json._id }}" } }, { credentials: creds.gateway }),
			node('Get file', BOX, { resource: 'file', operation: 'get', fileId: { __rl: true, mode: 'id', value: "={{ $('Upload file').item.json._id }}" } }, { credentials: creds.gateway }),
		],
		chain('Start', 'Job', 'Create folder', 'Job artwork', 'Artwork PDF', 'Upload file', 'Request preflight', 'Get file'),
	);
}

function shippedProofEmail() {
	const trigger = `$('${SHIPPED_PROOF_TRIGGER}').item.json`;
	const wf = workflow(
		EXAMPLE_IDS.shippedProof,
		'PrintOS example: order shipped (polling) → email with the proof attached',
		[
			note('About', '## Shipped (polling) → email with the proof\nNo public URL needed: every minute the trigger asks Site Flow for orders that reached "shipped" (the first poll after activation only notes what is there). Each new one has its artwork downloaded into n8n and emailed to the customer as an attachment, one email per artwork file. The demo credential points at a local mail sink.', [0, 0]),
			node(SHIPPED_PROOF_TRIGGER, ORDER_TRIGGER, orderTriggerParameters(['shipped']), { credentials: creds.siteFlow }),
			node('Download proof', SITE_FLOW, {
				authentication: 'siteFlowApi',
				resource: 'orderFile',
				operation: 'download',
				orderId: { __rl: true, mode: 'id', value: '={{ $json.orderId }}' },
				fileTypes: 'artwork',
				binaryPropertyName: 'proof',
			}, { credentials: creds.siteFlow }),
			node('Send email', 'n8n-nodes-base.emailSend', {
				fromEmail: 'orders@example-shop.com',
				toEmail: 'customer@example.com',
				subject: `={{ 'Proof of your shipped order ' + ${trigger}.sourceOrderId }}`,
				emailFormat: 'text',
				text: `={{ 'Order ' + ${trigger}.sourceOrderId + ' has shipped (tracking number ' + (${trigger}.order.shipments?.[0]?.trackingNumber || 'n/a') + '). Attached: the proof we printed, ' + $json.fileName + '.' }}`,
				options: { attachments: 'proof' },
			}, { typeVersion: 2.1, credentials: creds.smtp }),
		],
		chain(SHIPPED_PROOF_TRIGGER, 'Download proof', 'Send email'),
	);
	return { ...wf, active: true };
}

export function buildExamples() {
	return {
		'01-webshop-order-to-site-flow.json': webshopOrder(),
		'02-shipped-email.json': shippedEmail(),
		'03-daily-reconciliation.json': dailyReconciliation(),
		'04-box-intake.json': boxIntake(),
		'05-shipped-proof-email-polling.json': shippedProofEmail(),
	};
}

if (require.main === module) {
	fs.mkdirSync(examplesDir, { recursive: true });
	for (const [file, wf] of Object.entries(buildExamples())) {
		fs.writeFileSync(path.join(examplesDir, file), `${JSON.stringify(wf, null, '\t')}\n`);
		console.log(`wrote examples/${file}`);
	}
}
