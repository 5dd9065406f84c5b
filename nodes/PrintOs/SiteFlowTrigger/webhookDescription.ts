/**
 * The trigger's webhook: method and path come from the node's parameters. Written as expression
 * templates (what the editor and n8n 1.x read) plus, under n8n 2.x's `n8n.webhookDescriptionResolvers`
 * symbol, plain functions giving the same values. With them n8n 2.x resolves the webhook of a node
 * whose parameters hold no expression without starting its expression isolate, which otherwise
 * costs more CPU per postback than the rest of the request. Older n8n versions ignore the symbol.
 */
import type { IDataObject, IWebhookDescription } from 'n8n-workflow';

const WEBHOOK_RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers');

interface ParameterField {
	template: string;
	resolve: (parameters: IDataObject) => unknown;
}

/** `={{$parameter["name"] || fallback}}` and a function with the same JavaScript truthiness. */
function fromParameter(name: string, fallback?: string): ParameterField {
	const tail = fallback === undefined ? '' : ` || ${JSON.stringify(fallback)}`;
	return {
		template: `={{$parameter["${name}"]${tail}}}`,
		resolve: (parameters) => {
			const value = parameters?.[name];
			return fallback !== undefined && !value ? fallback : value;
		},
	};
}

const fields = {
	httpMethod: fromParameter('httpMethod', 'POST'),
	path: fromParameter('path'),
};

export const postbackWebhook: IWebhookDescription = Object.assign(
	{
		name: 'default' as const,
		httpMethod: fields.httpMethod.template,
		responseMode: 'onReceived',
		responseData: 'noData',
		path: fields.path.template,
		isFullPath: true,
	},
	{ [WEBHOOK_RESOLVERS]: fields },
);
