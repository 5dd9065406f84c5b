/**
 * The trigger's webhook description carries expression templates and, for n8n 2.x, native
 * resolvers of the same fields. They must agree, or n8n 2.x would register the webhook at another
 * method or path than n8n 1.x and the editor show: each resolver is compared with n8n's own
 * evaluation of its template, on the parameters the Workflow class fills with defaults.
 */
import type { IDataObject, INodeParameters, IWebhookDescription } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PrintOsSiteFlowTrigger } from '../../../nodes/PrintOs/SiteFlowTrigger/PrintOsSiteFlowTrigger.node';
import { SingleNodeTypes } from './webhookHarness';

const nodeType = new PrintOsSiteFlowTrigger();
const description = nodeType.description.webhooks![0] as IWebhookDescription & Record<symbol, unknown>;
const resolvers = description[Symbol.for('n8n.webhookDescriptionResolvers')] as Record<
	string,
	{ template: string; resolve: (parameters: IDataObject) => unknown }
>;

function nodeWith(parameters: IDataObject) {
	const workflow = new Workflow({
		id: 'wf',
		nodes: [{ id: 'n', name: 'Trigger', type: 'printOsSiteFlowTrigger', typeVersion: 1, position: [0, 0], parameters: parameters as INodeParameters }],
		connections: {},
		active: true,
		nodeTypes: new SingleNodeTypes(nodeType),
	});
	return { workflow, node: workflow.getNode('Trigger')! };
}

describe('webhook description resolvers', () => {
	it('cover the method and the path, under n8n 2.x’s symbol, with the templates the editor reads', () => {
		expect(Object.keys(resolvers).sort()).toEqual(['httpMethod', 'path']);
		for (const [field, resolver] of Object.entries(resolvers)) {
			expect((description as unknown as Record<string, unknown>)[field]).toBe(resolver.template);
		}
		// JSON (what the editor receives) keeps the templates and drops the resolvers
		expect(JSON.parse(JSON.stringify(description))).toMatchObject({ httpMethod: resolvers.httpMethod.template, path: resolvers.path.template });
	});

	it.each<[string, IDataObject]>([
		['defaults', {}],
		['PUT with a path', { httpMethod: 'PUT', path: 'siteflow-postbacks' }],
		['GET with a nested path', { httpMethod: 'GET', path: 'psp/one/postbacks' }],
		['an empty path', { httpMethod: 'POST', path: '' }],
	])('give what n8n evaluates from the templates: %s', (_label, parameters) => {
		const { workflow, node } = nodeWith(parameters);
		for (const [field, resolver] of Object.entries(resolvers)) {
			const evaluated = workflow.expression.getSimpleParameterValue(node, resolver.template, 'webhook', {});
			expect({ field, value: resolver.resolve(node.parameters) }).toEqual({ field, value: evaluated });
		}
	});
});
