/**
 * Box pickers over lists longer than a Site Flow page (issue 14): Box publishes no paging for
 * contacts, substrates or flows, so each answer is the whole list and every entry is offered, the
 * last one included, from one request.
 */
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { loadOptionsContext } from '../../harness/loadOptionsRun';
import { boxNode, callLines } from './boxKit';

const EXTRA = 150;
const number = (index: number) => String(index).padStart(3, '0');

let sandbox: Sandbox;
beforeAll(async () => {
	resetPacers();
	sandbox = await startSandbox({
		port: 0,
		seed: {
			contacts: Array.from({ length: EXTRA }, (_, index) => ({ name: `Customer ${number(index + 1)}`, email: `customer-${number(index + 1)}@example.com` })),
			substrates: Array.from({ length: EXTRA }, (_, index) => `Substrate ${number(index + 1)}`),
			flows: Array.from({ length: EXTRA }, (_, index) => ({ name: `flow_${number(index + 1)}` })),
		},
	});
});
beforeEach(() => sandbox.clearRequests());
afterAll(async () => await sandbox.close());

function picker(resource: string, operation: string, path: string) {
	return loadOptionsContext({ nodeType: boxNode, credentials: { printOsApi: sandbox.credentialData().printOsApi }, parameters: { resource, operation }, path });
}

it('the contact search finds the 150th of 152 contacts', async () => {
	const context = picker('contact', 'delete', 'parameters.contactId');
	const found = await boxNode.methods.listSearch.searchContacts.call(context, 'customer-150@');
	expect(found).toEqual({ results: [{ name: 'Customer 150 <customer-150@example.com>', value: expect.any(String) }] });
	const all = await boxNode.methods.listSearch.searchContacts.call(context);
	expect(all.results).toHaveLength(EXTRA + 2);
	expect(all.paginationToken).toBeUndefined();
	expect(callLines(sandbox)).toEqual(Array(2).fill('GET /box/api/partner/contact 200'));
});

it('the substrate and flow dropdowns offer every entry of long lists', async () => {
	const context = picker('file', 'uploadFromUrl', 'parameters.additionalFields');
	const substrates = await boxNode.methods.loadOptions.getSubstrates.call(context);
	expect(substrates).toHaveLength(EXTRA + 7);
	expect(substrates).toContainEqual({ name: 'Substrate 150', value: 'Substrate 150' });
	const flows = await boxNode.methods.loadOptions.getFlows.call(context);
	expect(flows).toHaveLength(EXTRA + 3);
	expect(flows.map((flow) => flow.value)).toContain('flow_150');
	expect(callLines(sandbox)).toEqual(['GET /box/api/partner/substrate 200', 'GET /box/api/partner/flow 200']);
});
