/**
 * Scenario 2: the Box node. Create a folder, upload a binary PDF into it, get the file back,
 * list substrates and flows, all with the printOsApi (gateway) credential.
 */
import { describeFailure, nodeOutput, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import { base64ToFileParameters, businessCardPdfBase64, creds, setParameters } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type Scenario } from '../harness';

const BOX = 'n8n-nodes-printos.printOsBox';
const WORKFLOW_ID = 'e2eBoxIntake0001';

function boxNode(name: string, parameters: Record<string, unknown>) {
	return node(name, BOX, parameters, { credentials: creds.gateway });
}

/** Box results carry their id as _id (PrintOS) or id. */
export function boxId(result: any): string | undefined {
	return result?._id ?? result?.id ?? result?.folderId ?? result?.fileId;
}

function buildWorkflow(): WorkflowJson {
	return workflow(
		WORKFLOW_ID,
		'E2E: Box folder, upload, get, lists',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			boxNode('Create folder', { resource: 'folder', operation: 'create', name: `E2E ${new Date().toISOString()}`, from: 'shop@example.com' }),
			node('Artwork (base64)', 'n8n-nodes-base.set', setParameters([['pdf', businessCardPdfBase64('Box upload'), 'string']]), { typeVersion: 3.4 }),
			node('Artwork PDF', 'n8n-nodes-base.convertToFile', base64ToFileParameters('pdf', 'flyer.pdf'), { typeVersion: 1.1 }),
			boxNode('Upload PDF', {
				resource: 'file',
				operation: 'uploadBinary',
				folderId: { __rl: true, mode: 'id', value: `={{ $('Create folder').item.json._id ?? $('Create folder').item.json.id }}` },
				binaryPropertyName: 'data',
				name: 'flyer.pdf',
				copies: 2,
			}),
			boxNode('Get file', {
				resource: 'file',
				operation: 'get',
				fileId: { __rl: true, mode: 'id', value: '={{ $json._id ?? $json.id ?? $json.fileId }}' },
			}),
			boxNode('Substrates', { resource: 'substrate', operation: 'getMany', returnAll: true }),
			node('Once', 'n8n-nodes-base.limit', { maxItems: 1 }),
			boxNode('Flows', { resource: 'flow', operation: 'getMany', returnAll: true }),
		],
		chain('Start', 'Create folder', 'Artwork (base64)', 'Artwork PDF', 'Upload PDF', 'Get file', 'Substrates', 'Once', 'Flows'),
	);
}

export const boxScenario: Scenario = {
	name: '2. Box: create a folder, upload a binary file, get it, list substrates and flows',
	workflows: () => [buildWorkflow()],
	async run(env) {
		const outcome = await env.execute(WORKFLOW_ID);
		check(outcome.ok, `the workflow failed: ${describeFailure(outcome)}`);
		const folder = nodeOutput(outcome.run, 'Create folder')[0];
		const folderId = boxId(folder);
		check(folderId, `Create folder returned no id: ${excerpt(folder)}`);
		const uploaded = nodeOutput(outcome.run, 'Upload PDF')[0];
		const fileId = boxId(uploaded);
		check(fileId, `Upload PDF returned no file id: ${excerpt(uploaded)}`);
		const fetched = nodeOutput(outcome.run, 'Get file')[0];
		checkEqual(boxId(fetched), fileId, 'Get file: id');
		check(JSON.stringify(fetched).includes('flyer.pdf'), `Get file does not name flyer.pdf: ${excerpt(fetched)}`);
		check(JSON.stringify(fetched).includes(folderId), `the file is not in folder ${folderId}: ${excerpt(fetched)}`);
		check(nodeOutput(outcome.run, 'Substrates').length > 0, 'Substrates returned nothing');
		check(nodeOutput(outcome.run, 'Flows').length > 0, 'Flows returned nothing');

		// The bytes arrived: the sandbox keeps a record of each upload.
		const uploads = JSON.stringify(await env.sandbox.admin('GET', 'uploads'));
		check(uploads.includes('application/pdf') || uploads.includes('flyer.pdf'), `the sandbox recorded no PDF upload: ${excerpt(uploads)}`);
		env.log(`folder ${folderId}, file ${fileId}`);
	},
};
