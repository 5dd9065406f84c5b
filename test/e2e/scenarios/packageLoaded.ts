/**
 * The tarball, installed as a user's n8n installs community packages, is loaded: its node and
 * credential types are listed (with the `n8n-nodes-printos.` prefix on nodes) and its icons served.
 */
import { check, type Scenario } from '../harness';

export const NODE_TYPES = [
	'n8n-nodes-printos.printOsSiteFlow',
	'n8n-nodes-printos.printOsBox',
	'n8n-nodes-printos.printOsSiteFlowTrigger',
];
export const CREDENTIAL_TYPES = ['printOsApi', 'siteFlowApi', 'siteFlowPostbackAuthApi'];

export const packageLoadedScenario: Scenario = {
	name: 'Package loaded: node and credential types, icons',
	async run(env) {
		const nodes: Array<{ name: string; iconUrl?: string | { light: string } }> = await env.session.request('GET', '/types/nodes.json');
		const credentials: Array<{ name: string }> = await env.session.request('GET', '/types/credentials.json');
		const nodeNames = nodes.map((n) => n.name);
		const ours = nodeNames.filter((name) => name.startsWith('n8n-nodes-printos.'));
		for (const type of NODE_TYPES) check(nodeNames.includes(type), `/types/nodes.json lacks ${type} (has ${JSON.stringify(ours)})`);
		const credentialNames = credentials.map((c) => c.name);
		for (const type of CREDENTIAL_TYPES) check(credentialNames.includes(type), `/types/credentials.json lacks ${type}`);
		for (const type of NODE_TYPES) {
			const description = nodes.find((n) => n.name === type)!;
			const iconUrl = typeof description.iconUrl === 'string' ? description.iconUrl : description.iconUrl?.light;
			check(iconUrl, `${type} has no icon`);
			const response = await fetch(`${env.n8nUrl}/${iconUrl}`, { headers: { cookie: env.session.authCookie } });
			const body = await response.text();
			check(response.ok && body.includes('<svg'), `${type}'s icon ${iconUrl} answered ${response.status}`);
		}
		env.log(`loaded: ${ours.join(', ')}`);
	},
};
